import Report
import Testing

/// Recall and false-flag rates of the outside-training-set flags against a truth, per S/N_g bin.
@Suite struct OutsideFlagRatesTests {
    /// Six spectra: at S/N_g 15 two outside (bit 12; bit 3) and one inside (bit 7); at 150 one outside
    /// (bits 12 and 3) and two inside (bit 12; none); one more at an unknown S/N, outside and unflagged.
    static let rates = OutsideFlagRates(snr: [15, 15, 15, 150, 150, 150, .nan], outside: [true, true, false, true, false, false, true],
                                        flags: [4096, 8, 128, 4096 | 8, 4096, 0, 0], edges: [10, 20, 100])

    @Test func countsPerBinAndOverall() {
        let r = Self.rates
        #expect(r.bins.map(\.outside) == [2, 0, 1] && r.bins.map(\.inside) == [1, 0, 2])
        #expect(r.bins[0].flaggedOutside == [1, 0, 1] && r.bins[0].flaggedInside == [0, 1, 0])
        #expect(r.bins[2].flaggedOutside == [1, 0, 1] && r.bins[2].flaggedInside == [1, 0, 0])
        #expect(r.bins[2].upperSNR == .infinity)
        #expect(r.overall.outside == 4 && r.overall.inside == 3)  // the unknown S/N counts only here
        #expect(r.overall.recall(0) == 0.5 && r.overall.falseFlagRate(0) == 1.0 / 3)
        #expect(r.bins[1].recall(0).isNaN && r.bins[1].falseFlagRate(2).isNaN)
    }

    @Test func textLeavesEmptyBinsOut() {
        #expect(Self.rates.text == """
            S/N_g\toutside\tinside\toutside_training_set recall\tfalse\tfar_from_training_set recall\tfalse\tpoor_fit recall\tfalse
            10-20\t2\t1\t50.0%\t0.0%\t0.0%\t100.0%\t50.0%\t0.0%
            >= 100\t1\t2\t100.0%\t50.0%\t0.0%\t0.0%\t100.0%\t0.0%
            all\t4\t3\t50.0%\t33.3%\t0.0%\t33.3%\t50.0%\t0.0%
            """)
    }

    /// Off-support spectra count in neither recall nor false-flag rate; the text shows them apart.
    @Test func offSupportSpectraAreCountedApart() {
        let r = OutsideFlagRates(snr: [15, 15, 15, 15], regions: [.outsideRanges, .onSupport, .offSupport, .offSupport],
                                 flags: [4096, 0, 4096, 0], edges: [10, 20])
        #expect(r.bins[0].outside == 1 && r.bins[0].inside == 1 && r.bins[0].offSupport == 2)
        #expect(r.bins[0].recall(0) == 1 && r.bins[0].falseFlagRate(0) == 0 && r.bins[0].offSupportRate(0) == 0.5)
        #expect(r.hasOffSupport && !Self.rates.hasOffSupport)
        #expect(r.text == """
            S/N_g\toutside\tinside\toutside_training_set recall\tfalse\tfar_from_training_set recall\tfalse\tpoor_fit recall\tfalse\toff support\toutside_training_set flagged
            10-20\t1\t1\t100.0%\t0.0%\t0.0%\t0.0%\t0.0%\t0.0%\t2\t50.0%
            all\t1\t1\t100.0%\t0.0%\t0.0%\t0.0%\t0.0%\t0.0%\t2\t50.0%
            """)
    }
}
