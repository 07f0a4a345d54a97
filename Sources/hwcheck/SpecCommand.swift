import HWCheckCommandLine
import HWCheckCore

struct PrintSpec: RunnableCommand {
    static let table = Command(
        name: "spec", abstract: "Print the built-in spec table (JSON); edit it and pass it back with --spec FILE.",
        discussion: """
            The table's "placeholders" add entries to the built-in lists ("builtIn": true) or replace them \
            ("builtIn": false); --placeholders prints those lists: every known junk serial, UUID and MAC with \
            where it was seen.
            """,
        arguments: [.flag("placeholders", help: "Print the built-in placeholder lists (JSON) instead of the spec table.")])

    let placeholders: Bool

    init(_ invocation: Invocation) {
        placeholders = invocation.flag("placeholders")
    }

    func run() throws -> Int32 {
        try Output.standard(placeholders ? Spec.builtInPlaceholdersText : Spec.builtInText)
        return 0
    }
}
