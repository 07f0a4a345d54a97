import ArgumentParser
import HWCheckCore
import HWCheckFleet

struct PrintSpec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec", abstract: "Print the built-in spec table (JSON); edit it and pass it back with --spec FILE.",
        discussion: """
            The table's "placeholders" add entries to the built-in lists ("builtIn": true) or replace them \
            ("builtIn": false); --placeholders prints those lists: every known junk serial, UUID and MAC with \
            where it was seen.
            """)

    @Flag(name: .long, help: "Print the built-in placeholder lists (JSON) instead of the spec table.")
    var placeholders = false

    func run() throws {
        try runMappingErrors { try Output.standard(placeholders ? Spec.builtInPlaceholdersText : Spec.builtInText); return 0 }
    }
}
