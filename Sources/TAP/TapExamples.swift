import Formats

/// The service's example queries: the questions of `sql/tap_examples.sql` in ADQL, served at `/examples`
/// as a DALI 1.1 examples document (XHTML with RDFa: each example a `typeof="example"` element with its
/// `name` and `query` properties), and listed on the landing page.
public enum TapExamples {
    public struct Example: Sendable {
        /// Fragment identifier (`#metal-poor-giants`).
        public var id: String
        public var name: String
        public var description: String
        public var query: String
    }

    public static let all: [Example] = [
        Example(id: "published-columns", name: "Units and UCDs of the label columns",
                description: "What TAP_SCHEMA says of the columns of slam.labels.",
                query: """
                SELECT column_name, datatype, unit, ucd, principal
                FROM TAP_SCHEMA.columns WHERE table_name = 'slam.labels'
                ORDER BY column_name
                """),
        Example(id: "metal-poor-giants", name: "Metal-poor giants with clean fits",
                description: "APOGEE-trained labels of giants with [M/H] below -1, no flag set and S/N above 30, most metal-poor first.",
                query: """
                SELECT TOP 100 obsid, designation, ra, dec, snrg, teff, teff_err, logg, m_h, m_h_err, alpha_m
                FROM slam.labels
                WHERE m_h < -1 AND logg < 3.5 AND flags = 0 AND snrg > 30
                ORDER BY m_h
                """),
        Example(id: "cone", name: "Labels within 1 arcminute of a position",
                description: "A cone search: the position index of the spectra serves it.",
                query: """
                SELECT obsid, designation, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 332.67024, -0.583389)) * 3600 AS sep_arcsec,
                       label_set, teff, logg, m_h
                FROM slam.labels
                WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 332.67024, -0.583389, 0.0166667))
                ORDER BY sep_arcsec
                """),
        Example(id: "precision", name: "The precision tables of the current models",
                description: "Bias and scatter against the reference labels by S/N bin, with the label's unit.",
                query: """
                SELECT p.model_id, m.label_set, p.label, p.label_unit, p.scope, p.snr_min, p.snr_max, p.n, p.bias, p.scatter
                FROM slam.model_precision AS p JOIN slam.models AS m ON m.model_id = p.model_id
                WHERE m.is_current = 1
                ORDER BY 1, 3, 6
                """),
        Example(id: "star", name: "One star's labels by designation",
                description: "The labels of one star from the current model of every label set, with their calibrated errors and flags.",
                query: """
                SELECT label_set, model_id, obsid, snrg, teff, teff_err, logg, logg_err, m_h, m_h_err, feh, feh_err, flags
                FROM slam.labels
                WHERE designation = 'LAMOST J221040.85-003500.2'
                ORDER BY label_set, obsid
                """),
        Example(id: "model-history", name: "One spectrum's labels from every model version",
                description: "How the labels of a spectrum changed from model to model; is_current marks the published ones.",
                query: """
                SELECT h.model_id, h.label_set, h.is_current, h.teff, h.logg, h.m_h, h.flags, m.created_at
                FROM slam.labels_history AS h JOIN slam.models AS m ON m.model_id = h.model_id
                WHERE h.obsid = 101
                ORDER BY 1
                """),
        Example(id: "flag-counts", name: "How often each flag value occurs",
                description: "Spectra per label set and flags value among the current labels (0: no warning).",
                query: """
                SELECT label_set, flags, COUNT(*) AS n
                FROM slam.labels
                GROUP BY label_set, flags
                ORDER BY label_set, n DESC
                """),
        Example(id: "flag-bits", name: "What the flag bits mean",
                description: "The bits of the flags column and their meanings.",
                query: "SELECT * FROM slam.flag_bits"),
    ]

    /// The examples document.
    public static func document() -> String {
        var text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml">
        <head><title>SLAM catalogue: example queries</title></head>
        <body vocab="ivo://ivoa.net/std/DALI#examples">
        <h1>Example queries of the SLAM catalogue</h1>

        """
        for example in all {
            text += """
            <div id="\(example.id)" resource="#\(example.id)" typeof="example">
            <h2 property="name">\(escape(example.name))</h2>
            <p>\(escape(example.description))</p>
            <pre property="query">\(escape(example.query))</pre>
            </div>

            """
        }
        text += "</body>\n</html>\n"
        return text
    }

    private static func escape(_ text: String) -> String { XMLEscaping.escaped(text, attribute: false) }
}
