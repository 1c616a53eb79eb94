import Foundation
import Logging
import Platform
import Testing
@testable import Dispatcher

/// Journal field mapping, the MESSAGE_ID table against the catalog, docs and sources, the
/// `--log` decision, the stderr line format, and the tmpfiles layout against `SpoolLayout`.
@Suite struct SystemdLoggingTests {
    static let root = EngineHarness.repositoryRoot

    func text(_ path: String) throws -> String {
        try String(contentsOfFile: SystemdLoggingTests.root + "/" + path, encoding: .utf8)
    }

    @Test func metadataKeysBecomeUpperCaseJournalFields() {
        #expect(JournalEntry.fieldName(forMetadataKey: "incident.id") == "INCIDENT_ID")
        #expect(JournalEntry.fieldName(forMetadataKey: "escalation.step") == "ESCALATION_STEP")
        #expect(JournalEntry.fieldName(forMetadataKey: "response.level") == "RESPONSE_LEVEL")
        #expect(JournalEntry.fieldName(forMetadataKey: "message") == "DISPATCH_MESSAGE")
        #expect(JournalEntry.fieldName(forMetadataKey: "_pid") == "DISPATCH__PID")
        #expect(JournalEntry.fieldName(forMetadataKey: "9lives") == "DISPATCH_9LIVES")
        #expect(JournalEntry.fieldName(forMetadataKey: String(repeating: "k", count: 100)).count == 64)
    }

    @Test func anEntryCarriesFixedFieldsEventAndMessageID() {
        let fields = JournalEntry.fields(level: .error, message: "cannot publish", metadata: [
            "event": "publish_failed", "order.id": "GM-1-o1", "priority": "high",
        ], file: "Dispatcher/Daemon.swift", function: "publish()", line: 42)
        let pairs = fields.map { "\($0.name)=\(String(decoding: $0.value, as: UTF8.self))" }
        #expect(pairs == [
            "MESSAGE=cannot publish", "PRIORITY=3", "SYSLOG_IDENTIFIER=dispatchd",
            "MESSAGE_ID=\(EventMessageID.table["publish_failed"]!)", "DISPATCH_EVENT=publish_failed",
            "CODE_FILE=Dispatcher/Daemon.swift", "CODE_LINE=42", "CODE_FUNC=publish()",
            "DISPATCH_PRIORITY=high", "ORDER_ID=GM-1-o1",
        ])
    }

    @Test func anUnknownEventHasNoMadeUpMessageID() {
        let fields = JournalEntry.fields(level: .info, message: "m", metadata: ["event": "no_such_event"],
                                         file: "f", function: "g", line: 1)
        #expect(!fields.contains { $0.name == "MESSAGE_ID" })
        #expect(fields.contains(JournalField("DISPATCH_EVENT", "no_such_event")))
    }

    @Test func messageIDsAreUniqueAndListedInTheCatalogAndDocs() throws {
        let catalog = try text("systemd/dispatchd.catalog")
        let docs = try text("docs/OPERATIONS.md")
        #expect(Set(EventMessageID.table.values).count == EventMessageID.table.count)
        for (event, id) in EventMessageID.table {
            #expect(id.count == 32 && id.allSatisfy(\.isHexDigit) && id == id.lowercased(), "\(event)")
            #expect(catalog.contains("\n-- \(id)\n"), "English catalog entry for \(event)")
            #expect(catalog.contains("\n-- \(id) zh_CN\n"), "Chinese catalog entry for \(event)")
            #expect(docs.contains("| `\(event)` | `\(id)` |"), "OPERATIONS.md row for \(event)")
        }
    }

    @Test func everyEventLoggedInTheSourcesHasAMessageID() throws {
        let sources = SystemdLoggingTests.root + "/Sources"
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources).filter { $0.hasSuffix(".swift") }
        let pattern = try Regex(#""event": (?:[^"\n]*\? )?"([a-z_]+)"(?: : "([a-z_]+)")?"#)
        var events = Set<String>()
        for file in files {
            let source = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for match in source.matches(of: pattern) {
                for index in 1..<match.output.count {
                    if let value = match.output[index].substring { events.insert(String(value)) }
                }
            }
        }
        #expect(events.count > 30)
        #expect(events.subtracting(EventMessageID.table.keys).isEmpty)
    }

    @Test func logOptionChoosesTheJournalOnlyWhenAskedOrConnected() {
        #expect(LogDestination.resolve(.auto, stderrIsJournal: true, stderrIsTerminal: false) == .journal)
        #expect(LogDestination.resolve(.auto, stderrIsJournal: false, stderrIsTerminal: false) == .prefixedLines)
        #expect(LogDestination.resolve(.auto, stderrIsJournal: false, stderrIsTerminal: true) == .humanLines)
        #expect(LogDestination.resolve(.stderr, stderrIsJournal: true, stderrIsTerminal: false) == .prefixedLines)
        #expect(LogDestination.resolve(.journal, stderrIsJournal: false, stderrIsTerminal: true) == .journal)
        #expect(throws: LogDestinationError.self) {
            _ = try LogDestination.journal.makeFactory(level: .info, socketPath: "/nonexistent/journal/socket")
        }
    }

    @Test func stderrLinesKeepTheirFormat() {
        let metadata: Logger.Metadata = ["event": "input_rejected", "file": "a b.json", "incident.id": "GM-1"]
        #expect(StderrLogHandler.line(level: .warning, message: "input rejected", metadata: metadata, prefixPriority: true)
            == "<4>input rejected event=input_rejected file=\"a b.json\" incident.id=GM-1\n")
        #expect(StderrLogHandler.line(level: .critical, message: "x\ny", metadata: [:], prefixPriority: false)
            == "CRITICAL: x\\ny\n")
    }

    @Test func journalFailureFallsBackToAPrefixedStderrLine() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let lines = LockedMessages()
        // A socket file whose listener has gone: the send fails (ECONNREFUSED).
        let writer = try {
            let listener = try SystemdNotifyTests.Listener(directory: directory.path)
            return try JournalWriter(socketPath: listener.path)
        }()
        let handler = JournalLogHandler(label: "t", level: .info, writer: writer, fallbackWrite: { lines.append([$0]) })
        let logger = Logger(label: "t") { _ in handler }
        logger.error("cannot publish", metadata: ["event": "publish_failed"])
        let line = try #require(lines.messages.first)
        #expect(line.hasPrefix("<3>cannot publish event=publish_failed journal_error="))
    }

    @Test func tmpfilesCreatesEverySpoolDirectoryWithTheRightModes() throws {
        let layout = SpoolLayout(spool: "/var/spool/dispatchd", state: "/var/lib/dispatchd")
        var entries: [String: (mode: String, user: String, group: String)] = [:]
        for line in try text("systemd/dispatchd.tmpfiles").split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard parts.count >= 5, parts[0] == "d" else { continue }
            entries[parts[1]] = (parts[2], parts[3], parts[4])
        }
        for directory in [layout.root, layout.incoming, layout.acks, layout.active, layout.activeAcks, layout.processed,
                          layout.rejected, layout.outgoing, layout.staging, layout.incomingStaging, layout.acksStaging,
                          layout.commands, layout.commandsStaging, layout.activeCommands, layout.state] {
            let entry = try #require(entries[directory], "\(directory) missing from dispatchd.tmpfiles")
            #expect(entry.user == "dispatchd", "\(directory)")
        }
        for drop in [layout.incoming, layout.incomingStaging, layout.acks, layout.acksStaging, layout.commands,
                     layout.commandsStaging] {
            let mode = try #require(entries[drop].flatMap { Int($0.mode, radix: 8) })
            #expect(mode & 0o1000 != 0 && mode & 0o020 != 0 && mode & 0o007 == 0, "\(drop): sticky, group-writable, no others")
            #expect(entries[drop]?.group == "dispatchd-operators")
        }
        for own in [layout.active, layout.activeAcks, layout.activeCommands, layout.staging] {
            let mode = try #require(entries[own].flatMap { Int($0.mode, radix: 8) })
            #expect(mode & 0o022 == 0, "\(own) writable only by dispatchd")
        }
    }
}
