import ArgumentParser

/// A length of time given on the command line: seconds (`5400`, `90.5`) or units `d`, `h`, `m`, `s`
/// joined without spaces (`90m`, `1h30m`, `2d`), as batch schedulers write time limits.
struct RunDuration: ExpressibleByArgument, Equatable, Sendable {
    /// The length, seconds.
    var seconds: Double

    init(seconds: Double) { self.seconds = seconds }

    /// Parses `text`; nil unless it is a positive, finite length in the forms above.
    init?(argument text: String) {
        if let plain = Double(text) {
            guard plain.isFinite, plain > 0 else { return nil }
            seconds = plain
            return
        }
        let units: [Character: Double] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        var total = 0.0
        var number = ""
        var seen = Set<Character>()
        for character in text {
            if character.isASCII, character.isNumber || character == "." {
                number.append(character)
            } else if let unit = units[character], let value = Double(number), !seen.contains(character) {
                total += value * unit
                seen.insert(character)
                number = ""
            } else {
                return nil
            }
        }
        guard number.isEmpty, total.isFinite, total > 0 else { return nil }
        seconds = total
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
