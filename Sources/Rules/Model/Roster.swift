/// A person to notify: a team leader, a duty room.
public struct Recipient: Hashable, Sendable, Codable {
    public var name: String
    public var phone: String?

    public init(name: String, phone: String?) {
        self.name = name
        self.phone = phone
    }
}

/// A unit that can be dispatched (SPEC §1 "team").
public struct Team: Hashable, Sendable {
    public var id: String
    public var name: String
    public var kind: String
    public var capabilities: [String]
    /// Index into the county's `AreaTree`.
    public var area: Int
    public var capacity: Int
    public var members: Int?
    public var leader: Recipient?
    /// The team's own phone or contact person (config `contact:` as a phone string or a
    /// `{name, phone}` mapping).
    public var contact: Recipient?
    public var priority: Int
    public var location: GeoPoint?
    public var declaredAt: SourceLocation?

    public init(id: String, name: String, kind: String, capabilities: [String], area: Int, capacity: Int = 1,
                members: Int? = nil, leader: Recipient? = nil, contact: Recipient? = nil, priority: Int = 0,
                location: GeoPoint? = nil, declaredAt: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.capabilities = capabilities
        self.area = area
        self.capacity = capacity
        self.members = members
        self.leader = leader
        self.contact = contact
        self.priority = priority
        self.location = location
        self.declaredAt = declaredAt
    }

    /// Who an order to this team goes to. A leader without a phone of their own is reached on
    /// the team's contact phone (`contact: "138…"`); a contact who is another person is listed
    /// after the leader.
    public var recipients: [Recipient] {
        switch (leader, contact) {
        case let (leader?, contact?):
            if leader.phone == nil && [name, "", leader.name].contains(contact.name) {
                return [Recipient(name: leader.name, phone: contact.phone)]
            }
            return contact == leader ? [leader] : [leader, contact]
        case let (leader?, nil): return [leader]
        case let (nil, contact?): return [contact]
        case (nil, nil): return [Recipient(name: name, phone: nil)]
        }
    }
}

/// A staffed duty room that escalations go to; it serves its area and everything below it.
public struct DutyPost: Hashable, Sendable {
    public var id: String
    public var name: String
    public var area: Int
    public var contact: Recipient?
    public var declaredAt: SourceLocation?

    public init(id: String, name: String, area: Int, contact: Recipient? = nil, declaredAt: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.area = area
        self.contact = contact
        self.declaredAt = declaredAt
    }

    public var recipients: [Recipient] {
        [contact.map { Recipient(name: $0.name.isEmpty ? name : $0.name, phone: $0.phone) } ?? Recipient(name: name, phone: nil)]
    }
}
