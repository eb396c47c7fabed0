import Catalogue
import Pages
import Testing

@Suite struct ModelPageTests {
    @Test func aComparisonGivesTheMeanDifferenceAndScatterPerLabel() throws {
        let comparison = ModelComparison(modelA: 3, modelB: 7, labelNames: ["teff", "m_h"], common: 4,
                                         labelsA: [[4000, 4100, 4200, 4300], [-1, -0.5, 0, 0.2]],
                                         labelsB: [[4010, 4120, 4190, 4320], [-1, -0.5, 0, 0.2]])
        let html = ModelPage.comparisonSection(comparison)
        // teff differences 10, 20, -10, 20: mean 10, sample standard deviation 14.1.
        #expect(html.contains("<td>T<sub>eff</sub></td><td>4</td><td>10</td><td>14</td>"))
        #expect(html.contains("<td>[M/H]</td><td>4</td><td>0.000</td><td>0.000</td>"))
        #expect(html.contains("4 spectra labelled by both without flags"))
    }

    @Test func noCommonSpectraIsSaidInWords() {
        let comparison = ModelComparison(modelA: 1, modelB: 2, labelNames: ["teff"], common: 0, labelsA: [[]], labelsB: [[]])
        #expect(ModelPage.comparisonSection(comparison).contains("No spectrum was labelled without flags by both models"))
    }
}
