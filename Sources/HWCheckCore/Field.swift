/// What one collected value is. Part of the JSON contract (`inventory.*.state`).
public enum FieldState: String, Sendable, CaseIterable {
    /// A usable value.
    case value
    /// The source exists and holds nothing (an empty or all-space SMBIOS string, an empty disk serial).
    case empty
    /// Non-empty, but firmware junk that cannot identify a device ("To Be Filled By O.E.M.").
    case placeholder
    /// The source exists but could not be read; `detail` says why (permission denied: needs root).
    case unreadable
    /// The source does not exist on this machine (no such DMI field, no serial attribute).
    case absent
    /// The source that would tell is not available here at all (no DMI table, no udev database).
    case sourceUnavailable = "source-unavailable"
}

/// One collected value with its state, the raw text it came from, and where it came from.
public struct Field: Equatable, Sendable {
    public var state: FieldState
    /// The normalised value (trimmed) for `.value` and `.placeholder`; nil otherwise.
    public var value: String?
    /// The text exactly as read, when it differs from `value` (padding, trailing spaces, newline removed).
    public var raw: String?
    /// Why the field is not a value: "permission denied (needs root)", the placeholder rule that matched...
    public var detail: DetailText?
    /// Where it was read: a root-relative path or a udev property ("udev:ID_SERIAL_SHORT").
    public var source: String?

    public init(state: FieldState, value: String? = nil, raw: String? = nil, detail: DetailText? = nil, source: String? = nil) {
        self.state = state
        self.value = value
        self.raw = raw
        self.detail = detail
        self.source = source
    }

    public static func absent(_ source: String, detail: DetailText? = nil) -> Field {
        Field(state: .absent, detail: detail, source: source)
    }

    public static func unavailable(_ source: String?, detail: DetailText) -> Field {
        Field(state: .sourceUnavailable, detail: detail, source: source)
    }

    /// The value as the activation server would receive it: the text for values and placeholders, else nil.
    public var submittedValue: String? {
        switch state {
        case .value, .placeholder: return value
        default: return nil
        }
    }

    /// Classifies text read from `source`: trims it, then empty / placeholder / value.
    public static func classify(_ text: String, source: String, kind: IdentifierKind, placeholders: PlaceholderRules) -> Field {
        let trimmed = text.trimmedWhitespace
        let rawText = text.trimmingTrailingNewline
        let raw = rawText == trimmed ? nil : rawText
        if trimmed.isEmpty {
            return Field(state: .empty, raw: raw, source: source)
        }
        if let rule = placeholders.match(trimmed, kind: kind) {
            return Field(state: .placeholder, value: trimmed, raw: raw, detail: .placeholder(rule), source: source)
        }
        return Field(state: .value, value: trimmed, raw: raw, source: source)
    }

    /// Reads and classifies one attribute file, keeping read errors apart from empty values.
    public static func read(_ path: String, from files: SystemFiles, kind: IdentifierKind, placeholders: PlaceholderRules) -> Field {
        switch files.readText(path) {
        case .text(let text): return classify(text, source: path, kind: kind, placeholders: placeholders)
        case .missing: return .absent(path)
        case .denied: return Field(state: .unreadable, detail: .permissionDenied, source: path)
        case .failed(let code): return Field(state: .unreadable, detail: .readError(errno: code), source: path)
        }
    }
}

extension String {
    /// Without the one newline sysfs appends to every attribute.
    var trimmingTrailingNewline: String {
        // The last scalar, not Character: "\r\n" is one Character and does not end in "\n" for hasSuffix.
        unicodeScalars.last == "\n" ? String(String.UnicodeScalarView(unicodeScalars.dropLast())) : self
    }
}
