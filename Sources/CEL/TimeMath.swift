import Foundation

/// Calendar arithmetic for timestamps and durations, on the proleptic Gregorian calendar.
enum TimeMath {
    // MARK: - Civil dates

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    static func civil(_ z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(_ y: Int64, _ m: Int64) -> Int64 {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: - Parsing

    /// Parses an RFC 3339 timestamp such as `2009-02-13T23:31:30.123Z` or `...+05:30`.
    static func parseTimestamp(_ s: String) -> CELTimestamp? {
        let b = Array(s.utf8)
        var p = 0
        func num(_ n: Int) -> Int64? {
            guard p + n <= b.count else { return nil }
            var v: Int64 = 0
            for k in p..<p + n {
                guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
                v = v * 10 + Int64(b[k] - 0x30)
            }
            p += n
            return v
        }
        func lit(_ c: Character) -> Bool {
            guard p < b.count, let a = c.asciiValue, b[p] == a || (c == "T" && b[p] == UInt8(ascii: "t")) else { return false }
            p += 1
            return true
        }
        guard let y = num(4), lit("-"), let mo = num(2), lit("-"), let d = num(2), lit("T"),
              let h = num(2), lit(":"), let mi = num(2), lit(":"), let se = num(2) else { return nil }
        var nanos: Int64 = 0
        if p < b.count && b[p] == UInt8(ascii: ".") {
            p += 1
            var digits = 0
            while p < b.count && b[p] >= 0x30 && b[p] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int64(b[p] - 0x30) }
                digits += 1; p += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 where digits < 9 { nanos *= 10 }
        }
        var offset: Int64 = 0
        guard p < b.count else { return nil }
        if b[p] == UInt8(ascii: "Z") || b[p] == UInt8(ascii: "z") {
            p += 1
        } else if b[p] == UInt8(ascii: "+") || b[p] == UInt8(ascii: "-") {
            let sign: Int64 = b[p] == UInt8(ascii: "-") ? -1 : 1
            p += 1
            guard let oh = num(2), lit(":"), let om = num(2) else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else { return nil }
        guard p == b.count, y >= 1, y <= 9999, mo >= 1, mo <= 12, d >= 1, d <= daysInMonth(y, mo),
              h < 24, mi < 60, se < 61 else { return nil }
        let secs = days(year: y, month: mo, day: d) * 86400 + h * 3600 + mi * 60 + se - offset
        let t = CELTimestamp(seconds: secs, nanos: Int32(nanos))
        return t.inRange ? t : nil
    }

    /// Parses a Go-style duration such as `1h30m`, `-1.5s`, `100ms`, `3ns`.
    static func parseDuration(_ s: String) -> CELDuration? {
        var b = Substring(s)
        var negative = false
        if b.hasPrefix("-") { negative = true; b = b.dropFirst() } else if b.hasPrefix("+") { b = b.dropFirst() }
        if b == "0" { return CELDuration(seconds: 0) }
        guard !b.isEmpty else { return nil }
        var totalNanos: Decimal = 0
        let units: [(String, Decimal)] = [
            ("ns", 1), ("us", 1000), ("µs", 1000), ("ms", 1_000_000), ("s", 1_000_000_000),
            ("m", 60_000_000_000), ("h", 3_600_000_000_000),
        ]
        while !b.isEmpty {
            let numEnd = b.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? b.endIndex
            let numText = b[b.startIndex..<numEnd]
            guard !numText.isEmpty, let value = Decimal(string: String(numText)) else { return nil }
            b = b[numEnd...]
            var matched = false
            for (u, scale) in units.sorted(by: { $0.0.count > $1.0.count }) where b.hasPrefix(u) {
                totalNanos += value * scale
                b = b.dropFirst(u.count)
                matched = true
                break
            }
            guard matched else { return nil }
        }
        if negative { totalNanos = -totalNanos }
        let billion = Decimal(1_000_000_000)
        var secondsDec = totalNanos / billion
        var rounded = Decimal()
        NSDecimalRound(&rounded, &secondsDec, 0, totalNanos < 0 ? .up : .down)
        let nanosDec = totalNanos - rounded * billion
        let seconds = NSDecimalNumber(decimal: rounded).int64Value
        let nanos = NSDecimalNumber(decimal: nanosDec).int64Value
        guard abs(NSDecimalNumber(decimal: rounded).doubleValue) <= Double(CELDuration.maxSeconds) else { return nil }
        return CELDuration.normalised(seconds: seconds, nanos: nanos)
    }

    // MARK: - Formatting

    static func format(_ t: CELTimestamp) -> String {
        let day = floorDiv(t.seconds, 86400)
        let secOfDay = t.seconds - day * 86400
        let (y, m, d) = civil(day)
        var s = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(y), Int(m), Int(d),
                       Int(secOfDay / 3600), Int(secOfDay / 60 % 60), Int(secOfDay % 60))
        if t.nanos != 0 { s += "." + fraction(t.nanos) }
        return s + "Z"
    }

    static func format(_ d: CELDuration) -> String {
        var s = ""
        if d.seconds < 0 || d.nanos < 0 { s = "-" }
        s += String(abs(d.seconds))
        if d.nanos != 0 { s += "." + fraction(abs(d.nanos)) }
        return s + "s"
    }

    private static func fraction(_ n: Int32) -> String {
        var f = String(format: "%09d", Int(n))
        while f.hasSuffix("0") { f.removeLast() }
        return f
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    // MARK: - Arithmetic

    static func add(_ t: CELTimestamp, _ d: CELDuration) throws(CELError) -> CELTimestamp {
        var s = t.seconds &+ d.seconds
        var n = Int64(t.nanos) + Int64(d.nanos)
        if n >= 1_000_000_000 { s += 1; n -= 1_000_000_000 } else if n < 0 { s -= 1; n += 1_000_000_000 }
        let r = CELTimestamp(seconds: s, nanos: Int32(n))
        guard r.inRange else { throw CELError("timestamp out of range") }
        return r
    }

    // MARK: - Time zones

    /// The UTC offset in seconds of a zone name (`UTC`, `+05:30`, `-02:30`, `02:00`, or an IANA name) at an instant.
    static func offset(zone: String, at t: CELTimestamp) throws(CELError) -> Int64 {
        if zone == "UTC" || zone == "Z" { return 0 }
        let b = Array(zone.utf8)
        var p = 0
        var sign: Int64 = 1
        if let f = b.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            sign = f == UInt8(ascii: "-") ? -1 : 1
            p = 1
        }
        if b.count - p == 5, b[p + 2] == UInt8(ascii: ":"),
           let h = Int64(String(decoding: b[p..<p + 2], as: UTF8.self)),
           let m = Int64(String(decoding: b[p + 3..<p + 5], as: UTF8.self)) {
            return sign * (h * 3600 + m * 60)
        }
        guard let tz = TimeZone(identifier: zone) else { throw CELError("unknown time zone '\(zone)'") }
        return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds))))
    }

    /// A calendar field of a timestamp, as the `get*` accessors define it.
    static func accessor(_ name: String, _ t: CELTimestamp, zone: String?) throws(CELError) -> Int64 {
        let local = t.seconds + (try zone.map { z throws(CELError) in try offset(zone: z, at: t) } ?? 0)
        let day = floorDiv(local, 86400)
        let secOfDay = local - day * 86400
        let (y, m, d) = civil(day)
        switch name {
        case "getFullYear": return y
        case "getMonth": return m - 1
        case "getDate": return d
        case "getDayOfMonth": return d - 1
        case "getDayOfYear": return day - days(year: y, month: 1, day: 1)
        case "getDayOfWeek": return ((day % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
        case "getHours": return secOfDay / 3600
        case "getMinutes": return secOfDay / 60 % 60
        case "getSeconds": return secOfDay % 60
        case "getMilliseconds": return Int64(t.nanos) / 1_000_000
        default: throw CELError.noOverload(name)
        }
    }

    static func accessor(_ name: String, _ d: CELDuration) throws(CELError) -> Int64 {
        switch name {
        case "getHours": return d.seconds / 3600
        case "getMinutes": return d.seconds / 60
        case "getSeconds": return d.seconds
        case "getMilliseconds": return d.seconds * 1000 + Int64(d.nanos) / 1_000_000
        default: throw CELError.noOverload(name)
        }
    }
}
