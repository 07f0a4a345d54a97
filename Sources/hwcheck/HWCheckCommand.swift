import ArgumentParser
import HWCheckCore

/// The root command: its help text and the subcommands. Each subcommand has its own file; the command line
/// parses and prints, the libraries (HWCheckCore, HWCheckFleet) decide.
@main
struct HWCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hwcheck",
        abstract: "Check whether this PC's hardware identity (DeviceBinding B1-B4) will be accepted by the activation server.",
        discussion: """
            B1 BIOS/system serial, B2 system disk serial (disk not removable), B3 baseboard serial, \
            B4 MAC of a physical, enabled, internal network adapter. Each row passes, fails or is unknown \
            (the value could not be read here, e.g. without root).

            EXAMPLES:
              sudo hwcheck                    report for people (--lang zh)
              sudo hwcheck --json > pc1.json  for scripts
              hwcheck --sysroot DIR -v        replay a recorded machine
              hwcheck spec > my.json          the spec table (--spec my.json)
              hwcheck explain B2              what B2 means, checks, remedies
              sudo hwcheck --json --timestamp -o /mnt/usb/pc1.json
                                              collect for fleet
              hwcheck fleet reports/          duplicates and placeholders
              hwcheck trace failed.csv --reports reports/
                                              records -> devices
              sudo hwcheck bundle -o pc.tar   capture (--sysroot pc.tar replays)

            EXIT CODES (check):
              0   compliant: every row passes
              1   non-compliant: at least one row fails
              2   undetermined: no row fails, some could not be checked (run as root)
              64  usage error
              65  bad input data (spec file, bundle, a sysroot without sys/)
              66  sysroot or input missing, --output directory missing or read-only
              70  internal error
              74  output error: the report could not be written

            bundle, fleet, fleet import and trace: see their own --help.
            """,
        version: toolVersion,
        subcommands: [Check.self, PrintSpec.self, ExplainTopic.self, BundleCommand.self, FleetCommand.self, TraceCommand.self],
        defaultSubcommand: Check.self
    )
}
