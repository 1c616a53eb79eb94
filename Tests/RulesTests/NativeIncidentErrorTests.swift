import Testing
@testable import Rules

@Suite struct NativeIncidentErrorTests {
    private func failure(_ text: String) throws -> InputError {
        do {
            _ = try decodeIncident(text)
        } catch {
            return error
        }
        Issue.record("decoded without error: \(text)")
        throw InputError("no error")
    }

    private func failure(replacing old: String, with new: String) throws -> InputError {
        #expect(specIncidentExample.contains(old))
        return try failure(specIncidentExample.replacingOccurrences(of: old, with: new))
    }

    @Test(arguments: [
        ("\"kind\": \"typhoon\"", "\"kind\": \"typhoom\"", 4, 11, "unknown kind \"typhoom\"",
         "did you mean \"typhoon\"? known kinds are storm, typhoon, wildfire; declare others in the config's `kinds`"),
        ("\"kind\": \"typhoon\"", "\"kind\": \"earthquake\"", 4, 11, "unknown kind \"earthquake\"",
         "known kinds are storm, typhoon, wildfire; declare others in the config's `kinds`"),
        ("\"kind\": \"typhoon\"", "\"kind\": [\"typhoon\"]", 4, 11,
         "`kind` must be a string (one of storm, typhoon, wildfire), found an array",
         "write `kind` as a string (one of storm, typhoon, wildfire)"),
        ("\"level\": \"orange\"", "\"level\": \"purple\"", 5, 12, "unknown level \"purple\"",
         "use one of the five levels: white, blue, yellow, orange, red"),
        ("\"level\": \"orange\"", "\"level\": 3", 5, 12,
         "`level` must be a string (one of white, blue, yellow, orange, red), found a number",
         "write `level` as a string (one of white, blue, yellow, orange, red)"),
        ("\"msg_type\": \"alert\"", "\"msg_type\": \"cancle\"", 3, 15, "unknown `msg_type` \"cancle\"",
         "did you mean \"cancel\"? use one of alert, update, cancel, close"),
        ("\"sent\": \"2024-09-06T08:00:00+08:00\"", "\"sent\": \"2024-09-06T08:00:00\"", 9, 11,
         "`sent` \"2024-09-06T08:00:00\" is not an RFC 3339 time: missing UTC offset; add 'Z' or e.g. '+08:00'",
         "write `sent` like \"2024-09-06T08:00:00+08:00\" (the offset is required)"),
        ("\"sent\": \"2024-09-06T08:00:00+08:00\"", "\"sent\": 1725580800", 9, 11,
         "`sent` must be an RFC 3339 time string, found a number", "write `sent` like \"2024-09-06T08:00:00+08:00\""),
        ("\"expires\": \"2024-09-07T20:00:00+08:00\"", "\"expires\": \"2024-02-30T20:00:00+08:00\"", 10, 14,
         "`expires` \"2024-02-30T20:00:00+08:00\" is not an RFC 3339 time: day 30 does not exist in 2024-02",
         "write `expires` like \"2024-09-06T08:00:00+08:00\" (the offset is required)"),
        ("\"expires\": \"2024-09-07T20:00:00+08:00\"", "\"expires\": \"2024-09-06T07:00:00+08:00\"", 10, 14,
         "`expires` 2024-09-06T07:00:00+08:00 is before `sent` 2024-09-06T08:00:00+08:00",
         "correct `expires`, or leave it out"),
        ("\"exercise\": false", "\"exercise\": \"no\"", 12, 15, "`exercise` must be true or false, found a string",
         "write `exercise` as true or false, without quotes"),
        ("\"id\": \"GM-20240906-0001\"", "\"id\": 42", 2, 9, "`id` must be a string, found a number", "write `id` as a string"),
        ("\"id\": \"GM-20240906-0001\"", "\"id\": \" \"", 2, 9, "`id` is empty",
         "add `id`, the incident's identifier, e.g. \"GM-20240906-0001\""),
        ("\"id\": \"GM-20240906-0001\"", "\"id\": \"GM-1\\nGM-2\"", 2, 9, "`id` contains a control character",
         "remove line breaks, tabs and other control characters from `id`"),
        ("\"title\": \"台风“摩羯”橙色预警\"", "\"title\": {\"zh\": \"台风\"}", 7, 12, "`title` must be a string, found an object",
         "write `title` as a string"),
        ("{\"lat\": 22.90, \"lon\": 112.88}", "{\"lat\": 95, \"lon\": 112.88}", 13, 23, "`lat` 95 is outside -90…90",
         "latitude is in degrees, −90…90 (WGS-84)"),
        ("{\"lat\": 22.90, \"lon\": 112.88}", "{\"lat\": 22.90, \"lon\": \"112.88\"}", 13, 37, "`lon` must be a number, found a string",
         "write `lon` as a number, without quotes"),
        ("{\"lat\": 22.90, \"lon\": 112.88}", "{\"lat\": 22.90}", 13, 15, "`location` has no `lon`",
         "longitude is in degrees, −180…180 (WGS-84)"),
        ("{\"lat\": 22.90, \"lon\": 112.88}", "[22.90, 112.88]", 13, 15, "`location` must be a JSON object, found an array",
         "write `location` as {\"lat\": 22.90, \"lon\": 112.88}"),
        ("\"area\": \"gaoming/yanghe\"", "\"areas\": []", 6, 12, "`areas` is an empty list", "name at least one area"),
        ("\"area\": \"gaoming/yanghe\"", "\"areas\": [\"gaoming\", 7]", 6, 24,
         "each entry of `areas` must be a non-empty string, found a number",
         "write area paths as strings, e.g. \"gaoming/yanghe\""),
        ("\"area\": \"gaoming/yanghe\"", "\"areas\": \"gaoming\"", 6, 12, "`areas` must be a list of area paths, found a string",
         "write `areas` as a list of area paths"),
        ("\"area\": \"gaoming/yanghe\"", "\"area\": \"gaoming/yanghe\", \"areas\": [\"gaoming\"]", 6, 38,
         "both `area` and `areas` are given", "give one of them: `area` for one area, `areas` for several"),
    ])
    func badFieldIsRefusedAtItsValue(old: String, new: String, line: Int, column: Int, message: String, remedy: String) throws {
        let error = try failure(replacing: old, with: new)
        #expect(error.message == message)
        #expect(error.remedy == remedy)
        #expect(error.line == line)
        #expect(error.column == column)
    }

    @Test(arguments: [
        ("  \"id\": \"GM-20240906-0001\",\n", "id"),
        ("  \"kind\": \"typhoon\",\n", "kind"),
        ("  \"level\": \"orange\",\n", "level"),
        ("  \"area\": \"gaoming/yanghe\",\n", "area"),
        ("  \"sent\": \"2024-09-06T08:00:00+08:00\",\n", "sent"),
    ])
    func missingRequiredFieldIsReportedAtTheObject(line: String, field: String) throws {
        let error = try failure(replacing: line, with: "")
        #expect(error.message == "the incident has no `\(field)`")
        #expect(error.line == 1 && error.column == 1)
        #expect(error.remedy?.isEmpty == false)
    }

    @Test func updateNeedsKindLevelAndArea() throws {
        let error = try failure(#"{"id":"GM-1","msg_type":"update","level":"red","area":"a","sent":"2024-09-07T10:00:00+08:00"}"#)
        #expect(error.message == "the incident has no `kind`")
    }

    @Test func topLevelMustBeAnObject() throws {
        let error = try failure("\n  [1]")
        #expect(error.message == "the incident must be a JSON object, found an array")
        #expect(error.line == 2 && error.column == 3)
    }

    @Test func syntaxErrorsComeFromTheParser() throws {
        let error = try failure(replacing: "\"kind\": \"typhoon\",", with: "\"kind\": \"typhoon\"")
        #expect(error.description.hasPrefix("5:3: expected ',' or '}' after object member, found '\"'"))
    }

    @Test func errorFileTextNamesTheFile() throws {
        let error = try failure(replacing: "\"level\": \"orange\"", with: "\"level\": \"purple\"")
        #expect(error.described(file: "gm-0001.json")
            == "gm-0001.json:5:12: unknown level \"purple\"; use one of the five levels: white, blue, yellow, orange, red")
    }
}
