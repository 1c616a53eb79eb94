/// One element of a parsed XML document: namespace-resolved name, attributes, the character
/// data directly inside it (CDATA included, comments and processing instructions dropped) and
/// its child elements, with the position of its start tag for error messages.
public struct XMLElement: Sendable, Equatable {
    public struct Attribute: Sendable, Equatable {
        /// The name as written, prefix included (`xsi:schemaLocation`).
        public var name: String
        public var value: String
    }

    /// The resolved namespace URI; nil when the element is in no namespace.
    public var namespace: String?
    public var localName: String
    public var attributes: [Attribute]
    /// Character data directly inside this element, entity references resolved. Empty for
    /// elements whose content the reader was told to skip.
    public var text: String
    public var children: [XMLElement]
    public var line: Int
    public var column: Int

    public init(namespace: String?, localName: String, attributes: [Attribute] = [], text: String = "",
                children: [XMLElement] = [], line: Int, column: Int) {
        self.namespace = namespace
        self.localName = localName
        self.attributes = attributes
        self.text = text
        self.children = children
        self.line = line
        self.column = column
    }

    /// Direct children with this local name whose namespace is one of `namespaces`.
    public func children(_ localName: String, in namespaces: Set<String?>) -> [XMLElement] {
        children.filter { $0.localName == localName && namespaces.contains($0.namespace) }
    }

    public func child(_ localName: String, in namespaces: Set<String?>) -> XMLElement? {
        children.first { $0.localName == localName && namespaces.contains($0.namespace) }
    }

    /// `text` without leading and trailing whitespace.
    public var trimmedText: String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !XMLElement.isSpace($0) }),
              let last = scalars.lastIndex(where: { !XMLElement.isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}
