/// A report in words: each finding's message and remedy, and each note's, filled from the catalog in a language.
extension Report {
    public struct Finding: Sendable, Equatable {
        public var reason: ReasonCode
        public var message: String
        public var remedy: String
    }

    /// Message and remedy for each reason of a result, in `language`.
    public func findings(_ result: CheckResult, language: Language) -> [Finding] {
        let facts = templateFacts(result, language: language)
        return result.reasons.map { reason in
            // A finding may have a variant's wording ("disk.virtio-empty", "dmi.device-tree-absent") before the
            // general one; for disks the variant is the transport.
            let variant = facts["variant"] ?? facts["transport"]
            let specific = variant.flatMap { Catalog.entry("\(result.category.rawValue).\($0.lowercased())-\(reason.rawValue)") }
            // A hot-plug SATA port whose number is not known is named by libata's names for it, not "port {port}".
            let portless = reason == .hotPlug && facts["sataPortName"] != nil
                ? Catalog.entry("\(result.category.rawValue).\(reason.rawValue).no-port") : nil
            // md RAID members on several hot-plug ports: every one is named.
            let members = reason == .hotPlug && facts["hotPlugMembers"] != nil
                ? Catalog.entry("\(result.category.rawValue).\(reason.rawValue).members") : nil
            // Unreadable here is the "/" mount, not the disk's serial.
            let rootMount = reason == .unreadable && facts["rootMountCause"] != nil
                ? Catalog.entry("\(result.category.rawValue).\(reason.rawValue).root-mount") : nil
            let entry = members ?? portless ?? rootMount ?? specific ?? Catalog.entry("\(result.category.rawValue).\(reason.rawValue)")
            return Finding(reason: reason,
                           message: Catalog.fill(entry?.message.text(language) ?? reason.rawValue, facts),
                           remedy: Catalog.fill(entry?.remedy.text(language) ?? "", facts))
        }
    }

    public func message(_ note: Note, language: Language) -> (message: String, remedy: String) {
        // The fallback notes have a wording for "no internal disk at all" (no `chosen` disk to name).
        let fallbacks: [NoteCode] = [.rootOnRemovableDisk, .rootNotOnDisk, .noRootMount, .rootMountUnreadable]
        let noDisk = fallbacks.contains(note.code) && note.facts["chosen"] == nil
        let variant = noDisk ? "no-disk" : note.facts["variant"]
        let entry = variant.flatMap { Catalog.entry("note.\(note.code.rawValue).\($0)") } ?? Catalog.entry("note.\(note.code.rawValue)")
        var facts = note.facts
        if let missing = facts["missing"] { facts["missing"] = Self.machinePaths(missing) }
        if let cause = facts["rootMountCause"] {
            facts["rootMountProblem"] = DetailText.rootMountProblem(cause: cause, errno: facts["rootMountErrno"].flatMap { Int32($0) })
                .text(language)
        }
        return (Catalog.fill(entry?.message.text(language) ?? note.code.rawValue, facts),
                Catalog.fill(entry?.remedy.text(language) ?? "", facts))
    }

    /// "sys/class/block, sys/class/net" as the machine names them: "/sys/class/block, /sys/class/net".
    static func machinePaths(_ list: String) -> String {
        list.split(separator: ", ").map { DetailText.machinePath(String($0)) }.joined(separator: ", ")
    }

    func templateFacts(_ result: CheckResult, language: Language) -> [String: String] {
        var facts = result.facts
        facts["title"] = result.row.title.text(language)
        facts["id"] = result.row.id
        facts["query"] = result.row.windowsQuery ?? "-"
        for (name, text) in result.localizedFacts { facts[name] = text.text(language) }
        // A file is named as the machine has it ("/sys/class/dmi/id/board_serial"); "udev:…", "ethtool:…" stay.
        if let source = facts["source"], ["sys/", "run/", "etc/", "proc/"].contains(where: { source.hasPrefix($0) }) {
            facts["source"] = DetailText.machinePath(source)
        }
        if let missing = facts["missing"] { facts["missing"] = Self.machinePaths(missing) }
        if let cause = facts["rootMountCause"] {
            facts["rootMountProblem"] = DetailText.rootMountProblem(cause: cause, errno: facts["rootMountErrno"].flatMap { Int32($0) })
                .text(language)
        }
        // A serial the recording lost: the remedy is to record again, not to run where udev runs.
        if result.category == .disk, facts["variant"] == nil, result.reasons.contains(.sourceUnavailable),
           result.field.map(Self.isUnrecordedSerial) == true {
            facts["variant"] = "not-recorded"
        }
        if let port = facts["port"].flatMap({ Int($0) }) {
            facts["portFromOne"] = String(port + 1)
        } else if facts["hotPlugVia"] == "ahci-port" {
            // No port number (an old kernel without ataN, or a recording without port_no): libata's names and why.
            facts.merge(Catalog.sataPortUnnamed(ata: facts["ata"], scsiHost: facts["scsiHost"], language: language)) { $1 }
        }
        if result.reasons.contains(.hotPlug) {
            facts["hotPlugKind"] = Catalog.hotPlugKind(detail: facts["hotPlugDetail"], language: language)
        }
        if result.reasons.contains(.hotPlugUnknown) {
            // The phrases name the port or bridge themselves ({port}, {controller}): fill them before they go in.
            let phrases = Catalog.hotPlugFacts(cause: facts["hotPlugCause"], via: facts["hotPlugVia"],
                                               portKnown: facts["sataPortName"] == nil, language: language)
            for (key, phrase) in phrases { facts[key] = Catalog.fill(phrase, facts) }
        }
        return facts
    }
}
