/// The version of this system's code, stored with every model and preprocessing run.
public enum SLAMVersion {
    public static let current = "slam 0.1.0"
}
