/// SQL for a person to try next in `psql`, printed by `slam demo` after its reports. Text to read and paste,
/// never run by this program (the model id is written into it for the reader's convenience).
public enum ExampleQueries {
    /// One statement a line, each ending in `;`, about the labels the demo wrote and model `modelID`'s precision.
    public static func afterDemo(modelID: Int) -> [String] {
        [
            "SELECT label_set, count(*), avg(teff), avg(logg) FROM labels_current GROUP BY label_set;",
            "SELECT obsid, label_set, label, value, formal_error FROM labels_current_long WHERE label IN ('m_h', 'feh') ORDER BY obsid, label_set LIMIT 10;",
            "SELECT * FROM label_set_current;",
            "SELECT obsid, designation, teff, logg, m_h, alpha_m FROM labels_current WHERE m_h < -1 AND flags = 0 ORDER BY m_h LIMIT 20;",
            "SELECT label, scope, snr_min, snr_max, n, bias, scatter FROM model_precision WHERE model_id = \(modelID) ORDER BY label, scope, snr_min;",
        ]
    }
}
