import Foundation
import Testing
@testable import Formats

@Suite struct HeaderCardTests {
    static func card(_ text: String) -> HeaderCard? { HeaderCard.parse(Substring(text)) }

    @Test func valuesAreTypedLeniently() {
        #expect(Self.card("OBSID   =             43905229 / Unique number ID") == HeaderCard("OBSID", .int(43905229), comment: "Unique number ID"))
        #expect(Self.card("Z       =           0.00012630 / Redshift")?.value == .double(0.0001263))
        #expect(Self.card("X       =             1.5D+03")?.value == .double(1500))
        #expect(Self.card("VACUUM  =                    T / vacuum")?.value == .bool(true))
        #expect(Self.card("PLANID  = 'B5598401'           / Plan ID")?.value == .string("B5598401"))
        #expect(Self.card("OBJNAME = 'O''Brien  '")?.value == .string("O'Brien"))
        #expect(Self.card("TEMP_AIR= '        '           / [deg]")?.value == .string(""))
        #expect(Self.card("BLANK   =                      / nothing")?.value == .undefined)
        #expect(Self.card("RA      =                  NaN")?.value.doubleValue?.isNaN == true)
        #expect(Self.card("ODD     = hello world / unquoted")?.value == .string("hello world"))
        #expect(Self.card("TIGHT   =5 / no blank after =")?.value == .int(5))
        #expect(Self.card("COMMENT --------FILE INFORMATION") == HeaderCard("COMMENT", .undefined, comment: "--------FILE INFORMATION"))
        #expect(Self.card("HIERARCH ESO DET CHIP = 3 / chip")?.key == "ESO DET CHIP")
        #expect(Self.card("END") == nil)
    }

    @Test func continuedStringsAreMerged() {
        let lines = ["LONGSTRN= 'OGIP 1.0'", "LONG    = 'abc&'", "CONTINUE  'def&'", "CONTINUE  'ghi' / done", "END"]
        let header = FITSHeader(cardImages: lines.map { $0.padding(toLength: 80, withPad: " ", startingAt: 0) }.joined())
        #expect(header.value("LONG") == .string("abcdefghi"))
        #expect(header.cards.count == 2)
    }

    @Test func writtenCardsReadBackExactly() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("cards")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let cards = [
            HeaderCard("A", .double(0.1)), HeaderCard("B", .double(-9999)), HeaderCard("C", .double(1e-300)),
            HeaderCard("D", .double(6.02214076e23)), HeaderCard("E", .int(-42)), HeaderCard("F", .bool(false)),
            HeaderCard("G", .string(String(repeating: "long text ", count: 12) + "end")), HeaderCard("H", .undefined, comment: "u"),
            HeaderCard("LONGKEYWORD", .double(2.5)), HeaderCard("HISTORY", .undefined, comment: "made by a test"),
        ]
        let url = dir.appendingPathComponent("cards.fits")
        let file = try FITSFile.create(url: url)
        try file.createEmptyPrimary()
        try file.writeCards(cards)
        try file.close()
        let header = try FITSFile.open(url: url).header()
        for card in cards where !card.isCommentary { #expect(header.value(card.key) == (card.value == .undefined ? nil : card.value), "\(card.key)") }
        #expect(header.contains("H") && header.cards.contains { $0.key == "HISTORY" && $0.comment == "made by a test" })
    }

    @Test func jsonRenderingIsValidWithNonFiniteAsNull() throws {
        let header = FITSHeader(cards: [
            HeaderCard("A", .double(.nan)), HeaderCard("B", .double(.infinity)), HeaderCard("C", .string("q\"uo\\te\u{1}")),
            HeaderCard("COMMENT", .undefined, comment: "one"), HeaderCard("COMMENT", .undefined, comment: "two"),
            HeaderCard("D", .double(2.703e-05)), HeaderCard("E", .int(7)), HeaderCard("A", .int(1)), HeaderCard("", .undefined),
        ])
        let json = header.jsonString
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["A"] is NSNull && object["B"] is NSNull)
        #expect(object["C"] as? String == "q\"uo\\te\u{1}")
        #expect(object["COMMENT"] as? [String] == ["one", "two"])
        #expect((object["D"] as? NSNumber)?.doubleValue == 2.703e-05 && (object["E"] as? NSNumber)?.intValue == 7)
        #expect(object.count == 6)  // A, B, C, COMMENT, D, E: a repeated A and the blank key are dropped
    }
}

