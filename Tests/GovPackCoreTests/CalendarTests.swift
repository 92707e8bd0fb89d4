import Foundation
import Testing

@testable import GovPackCore

@Suite struct DayTests {
    // Day numbers checked against `date -u -d YYYY-MM-DD +%s` / 86400.
    static let known: [(String, Int32)] = [
        ("1970-01-01", 0), ("2000-02-29", 11016), ("2026-11-30", 20787), ("1969-12-31", -1), ("2027-03-31", 20908),
    ]

    @Test(arguments: known)
    func roundTrips(_ text: String, _ days: Int32) throws {
        let d = try #require(Day(text))
        #expect(d.daysSinceEpoch == days)
        #expect(d.description == text)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "26-11-30", "2026/11/30", "30/11/2026", "2026-11-3", ""])
    func rejects(_ text: String) { #expect(Day(text) == nil) }

    @Test func arithmetic() throws {
        let a = try #require(Day("2026-11-01"))
        let b = try #require(Day("2026-11-30"))
        #expect(a.days(to: b) == 29)
        #expect(b.adding(days: 14).description == "2026-12-14")
        #expect(b.period.description == "2026-11")
    }
}

@Suite struct PeriodTests {
    static let ends: [(String, String, String)] = [
        ("2026-11", "2026-11-30", "2026-11-01"), ("2024-02", "2024-02-29", "2024-02-01"),
        ("2026-02", "2026-02-28", "2026-02-01"), ("2026-12", "2026-12-31", "2026-12-01"),
    ]

    @Test(arguments: ends)
    func firstAndLastDays(_ p: String, _ end: String, _ start: String) throws {
        let period = try #require(Period(p))
        #expect(period.end.description == end)
        #expect(period.start.description == start)
        #expect(period.description == p)
    }

    @Test func steps() throws {
        let p = try #require(Period("2026-12"))
        #expect(p.next.description == "2027-01")
        #expect(p.adding(months: -12).description == "2025-12")
    }

    @Test func theLastPeriodHasANextOne() throws {
        // Metrics look one period ahead; 9999-12 must not crash.
        let p = try #require(Period("9999-12"))
        #expect(p.end.description == "9999-12-31")
        #expect(p.next.end.daysSinceEpoch == p.end.daysSinceEpoch + 31)
    }

    @Test(arguments: ["2026-13", "2026-1", "2026-11-01", "Nov 2026"])
    func rejects(_ text: String) { #expect(Period(text) == nil) }
}

@Suite struct FieldParserTests {
    static let good: [(String, FieldType, FieldValue)] = [
        ("1250000.50", .decimal, .decimal(Decimal(string: "1250000.50")!)),
        ("-12.5", .decimal, .decimal(Decimal(string: "-12.5")!)),
        (".5", .decimal, .decimal(Decimal(string: "0.5")!)),
        ("12345678901234567890.25", .decimal, .decimal(Decimal(string: "12345678901234567890.25")!)),
        ("42", .int, .int(42)),
        ("Yes", .bool, .bool(true)),
        ("0", .bool, .bool(false)),
        ("n", .bool, .bool(false)),
        ("Amber", .rag, .rag(.amber)),
        ("r", .rag, .rag(.red)),
        ("EXECUTION", .enumeration(Stage.allCases.map(\.rawValue)), .text("execution")),
        ("2026-11", .period, .period(Period(year: 2026, month: 11)!)),
    ]

    @Test(arguments: good)
    func parses(_ text: String, _ type: FieldType, _ expected: FieldValue) throws {
        #expect(try FieldParser.parse(text, as: type).get() == expected)
    }

    static let bad: [(String, FieldType)] = [
        ("1,250,000", .decimal), ("$100", .decimal), ("12%", .decimal), ("1.2.3", .decimal), ("-", .decimal),
        ("4.5", .int), ("99999999999999999999", .int), ("maybe", .bool), ("Orange", .rag), ("done", .enumeration(["open", "closed"])),
    ]

    @Test(arguments: bad)
    func rejects(_ text: String, _ type: FieldType) {
        #expect(throws: FieldParseError.self) { try FieldParser.parse(text, as: type).get() }
    }

    @Test(arguments: ["1,250,000", "1.250.000", "1 250 000", "1'250'000"])
    func thousandsSeparatorsGetAHint(_ text: String) {
        guard case .failure(.invalid(_, let hint)) = FieldParser.parse(text, as: .decimal) else {
            Issue.record("\(text) should be invalid")
            return
        }
        #expect(hint == "write numbers without thousands separators and with '.' for decimals (e.g. 1250000.50)")
    }

    @Test func ranges() throws {
        #expect(try FieldParser.parse("5", as: .int, range: 1...5).get() == .int(5))
        #expect(FieldParser.parse("6", as: .int, range: 1...5) == .failure(.outOfRange(1...5)))
        #expect(FieldParser.parse("100.5", as: .decimal, range: 0...100) == .failure(.outOfRange(0...100)))
    }
}

@Suite struct JSONWriterTests {
    @Test func writesKeysInOrderAndEscapes() {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.string("b", "a\"b\n<\u{01}")
        w.int("a", nil)
        w.double("x", 0.1 + 0.2)
        w.double("y", 4480)
        w.beginArray("l")
        w.bool(nil, true)
        w.endArray()
        w.endObject()
        #expect(w.text == #"{"b":"a\"b\n<\u0001","a":null,"x":0.30000000000000004,"y":4480,"l":[true]}"#)
    }

    @Test func prettyNestsWithTwoSpacesAndEscapesKeys() {
        var w = JSONWriter()
        w.beginObject()
        w.string("k\"ey", "v")
        w.beginArray("empty")
        w.endArray()
        w.beginObject("o")
        w.int("n", 1)
        w.beginArray("a")
        w.string(nil, "x\u{2028}")
        w.string(nil, nil)
        w.endArray()
        w.endObject()
        w.endObject()
        #expect(w.text == #"""
            {
              "k\"ey": "v",
              "empty": [],
              "o": {
                "n": 1,
                "a": [
                  "x\u2028",
                  null
                ]
              }
            }
            """#)
    }
}

@Suite struct DayArithmeticTests {
    /// A configured grace of a huge number of days must not trap: the day clamps to the calendar's end.
    @Test func addingBeyondTheRangeClamps() throws {
        let d = try #require(Day("2026-11-30"))
        #expect(d.adding(days: 14) == Day("2026-12-14"))
        #expect(d.adding(days: Int.max).daysSinceEpoch == Int32.max)
        #expect(d.adding(days: Int.min).daysSinceEpoch == Int32.min)
    }
}
