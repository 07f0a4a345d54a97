extension Spec {
    /// The built-in placeholder lists as shipped (Resources/placeholders.json: every junk serial, UUID and MAC
    /// with its sources), which a spec's `"builtIn": true` switches on; `hwcheck spec --placeholders` prints it.
    public static var builtInPlaceholdersText: String {
        String(decoding: PackageResources.placeholders_json, as: UTF8.self)
    }
}
