// The version every plugin reports with --version.
public enum NKSVersion {
    public static let current = "0.1.0"
}
