/// The report for people: verdict first, the B1–B4 table, numbered remedies, then notes; disks and NICs with
/// `verbose`. Colour and symbols only when `style.decorated` (a terminal without NO_COLOR).
public struct TextReport: Sendable {
    public struct Style: Sendable {
        public var decorated: Bool
        public init(decorated: Bool) { self.decorated = decorated }
    }

    public var language: Language
    public var style: Style
    public var verbose: Bool
    /// Terminal columns to wrap long lines at; nil (pipes, files) keeps one line per item for grep.
    public var width: Int?

    public init(language: Language, style: Style, verbose: Bool, width: Int? = nil) {
        self.language = language
        self.style = style
        self.verbose = verbose
        self.width = width
    }

    /// `text` after `prefix`, continued under `indent` at the terminal width.
    func wrapped(_ text: String, prefix: String, indent: String) -> [String] {
        guard let width else { return [prefix + text] }
        // A word wider than the line (a long firmware string, a sysfs path) is cut rather than run off the edge.
        return Terminal.wrap(text, width: width, firstPrefix: prefix, restPrefix: indent).enumerated().flatMap { index, line in
            guard Terminal.displayWidth(line) > width else { return [line] }
            let lead = index == 0 ? prefix : indent
            let room = max(1, width - Terminal.displayWidth(lead))
            return Terminal.fit(String(line.dropFirst(lead.count)), width: room).enumerated()
                .map { (index == 0 && $0.offset == 0 ? prefix : indent) + $0.element }
        }
    }

    private func text(_ en: String, _ zh: String) -> String { language == .zh ? zh : en }

    public func render(_ report: Report) -> String {
        var lines: [String] = []
        lines += verdictLines(report)
        lines.append("")

        let header = [text("Row", "项目"), text("Status", "状态"), text("Item", "检查内容"), text("Value", "值"), text("Device", "设备")]
        let rows = report.results.map { result in
            // Interface names, spec titles and models are untrusted text: every cell goes through `printable`.
            [result.row.id, statusLabel(result.status), result.row.title.text(language), valueLabel(result), subjectLabel(result, report)]
                .map(Terminal.printable)
        }
        lines += table([header] + rows, colourColumn: 1, statuses: [nil] + report.results.map(\.status))

        let findings = report.results.flatMap { result in
            report.findings(result, language: language).map { (result.row.id, $0) }
        }
        if !findings.isEmpty {
            lines.append("")
            lines.append(bold(text("What to do:", "处理建议：")))
            for (index, (id, finding)) in findings.enumerated() {
                let number = " \(index + 1). "
                let indent = String(repeating: " ", count: number.count)
                lines += wrapped("[\(id)] " + Terminal.printable(finding.message), prefix: number, indent: indent)
                lines += wrapped(Terminal.printable(finding.remedy), prefix: indent + "→ ", indent: indent + "  ")
            }
        }

        lines.append("")
        lines += wrapped(text("Host id (SMBIOS UUID): ", "主机标识（SMBIOS UUID）：") + fieldLabel(report.hostId), prefix: "", indent: "  ")
        if !report.notes.isEmpty {
            lines.append("")
            lines.append(bold(text("Notes:", "说明：")))
            for note in report.notes {
                let message = report.message(note, language: language)
                lines += wrapped(Terminal.printable(message.message) + text(" ", "") + Terminal.printable(message.remedy),
                                 prefix: " - ", indent: "   ")
            }
        }
        if verbose { lines += details(report) }
        return lines.joined(separator: "\n") + "\n"
    }

    func verdictLines(_ report: Report) -> [String] {
        let total = report.results.count
        let failed = report.results.filter { $0.status == .fail }.count
        let unknown = report.results.filter { $0.status == .unknown }.count
        let line: String
        switch report.verdict {
        case .compliant:
            line = text("COMPLIANT: all \(total) DeviceBinding rows pass.", "合规：全部 \(total) 项 DeviceBinding 检查通过。")
        case .nonCompliant:
            line = text("NON-COMPLIANT: \(failed) of \(total) DeviceBinding rows fail; the activation server will reject this device.",
                        "不合规：\(total) 项 DeviceBinding 检查中有 \(failed) 项未通过，激活服务器将拒绝此设备。")
        case .undetermined:
            line = text("UNDETERMINED: no row fails, but \(unknown) of \(total) cannot be checked here.",
                        "无法确定：没有未通过项，但 \(total) 项中有 \(unknown) 项在此无法检查。")
        }
        let colour: Terminal.Colour = report.verdict == .compliant ? .green : report.verdict == .nonCompliant ? .red : .yellow
        return wrapped(line, prefix: "", indent: "").map { style.decorated ? Terminal.paint($0, colour, bold: true) : $0 }
    }

    func statusLabel(_ status: CheckStatus) -> String {
        switch status {
        case .pass: return style.decorated ? "✔ " + text("pass", "通过") : text("pass", "通过")
        case .fail: return style.decorated ? "✘ " + text("FAIL", "未通过") : text("FAIL", "未通过")
        case .unknown: return style.decorated ? "? " + text("unknown", "未知") : text("unknown", "未知")
        }
    }

    func valueLabel(_ result: CheckResult) -> String {
        guard let field = result.field else { return text("(none)", "（无）") }
        // What support finds in the server's records for an NVMe disk is the Windows form: show it beside.
        guard let windows = result.windowsSerial else { return fieldLabel(field) }
        let shown = windows.value.map(Terminal.printable)
            ?? (windows.notRecorded ? text("not recorded, see notes", "未记录，见说明") : text("uncertain, see notes", "无法确定，见说明"))
        return fieldLabel(field) + text(" (Windows: \(shown))", "（Windows：\(shown)）")
    }

    func fieldLabel(_ field: Field) -> String {
        switch field.state {
        case .value: return Terminal.printable(field.value ?? "")
        case .placeholder: return "\"\(Terminal.printable(field.value ?? ""))\" " + text("(placeholder)", "（占位值）")
        case .empty: return text("(empty)", "（空）")
        case .absent: return text("(absent)", "（不存在）")
        case .unreadable:
            return field.detail == .permissionDenied
                ? text("(unreadable: needs root)", "（无法读取：需要 root）") : text("(unreadable)", "（无法读取）")
        case .sourceUnavailable: return text("(not available here)", "（此处不可用）")
        }
    }

    /// "  Windows 0025_3846_3140_F11C." for a disk whose Windows serial differs from its Linux one.
    func windowsLabel(_ windows: WindowsSerial?) -> String {
        guard let windows else { return "" }
        return "  Windows " + (windows.value.map(Terminal.printable) ?? (windows.notRecorded ? text("not recorded", "未记录") : text("uncertain", "无法确定")))
    }

    func subjectLabel(_ result: CheckResult, _ report: Report) -> String {
        guard let subject = result.subject else { return "" }
        switch result.category {
        case .disk:
            let disk = report.inventory.disks.first { $0.name == subject }
            return [subject, disk.map { DiskInfo.transportLabel($0.transport) }, disk.flatMap { $0.model.value }].compactMap { $0 }
                .joined(separator: ", ")
        case .nic:
            let nic = report.inventory.nics.first { $0.name == subject }
            var parts = [subject]
            if nic?.onboard == true { parts.append(text("onboard", "板载")) }
            if nic?.hypervisor == true { parts.append(text("hypervisor adapter", "虚拟化网卡")) }
            if nic?.wireless == true { parts.append(text("wireless", "无线")) }
            return parts.joined(separator: ", ")
        case .dmi:
            return subject
        }
    }

    /// A sysfs path as the machine has it ("/sys/devices/…"); "usb", "sd-card" stay words.
    static func machinePath(_ via: String) -> String {
        via.hasPrefix("sys/") ? DetailText.machinePath(via) : via
    }

    func details(_ report: Report) -> [String] {
        var lines = ["", bold(text("Disks:", "磁盘："))]
        if report.inventory.disks.isEmpty { lines.append(" " + text("(none)", "（无）")) }
        for disk in report.inventory.disks {
            let size = disk.sizeBytes.map { "\($0 / 1_000_000_000) GB" } ?? "?"
            var flags: [String] = []
            if report.inventory.systemDisk.boundDisks.contains(disk.name) { flags.append(text("system disk", "系统盘")) }
            if !disk.aliases.isEmpty { flags.append(text("also ", "亦即 ") + disk.aliases.joined(separator: ", ")) }
            if disk.hotPlug.state == .yes { flags.append(text("hot-plug port", "热插拔端口")) }
            if disk.hotPlug.state == .unknown { flags.append(text("hot-plug unknown", "热插拔未知")) }
            if disk.removableMedia { flags.append(text("removable media", "可移动介质")) }
            if let via = disk.removableVia { flags.append(text("removable via ", "可移动：") + Self.machinePath(via)) }
            lines += wrapped(Terminal.printable("\(disk.name)  \(DiskInfo.transportLabel(disk.transport))  \(size)  \(text("model", "型号")) \(fieldLabel(disk.model))  "
                + "\(text("serial", "序列号")) \(fieldLabel(disk.serial))" + windowsLabel(disk.windowsSerial) + (flags.isEmpty ? "" : "  [\(flags.joined(separator: ", "))]")),
                prefix: " ", indent: "   ")
        }
        lines += ["", bold(text("Network adapters:", "网卡："))]
        for nic in report.inventory.nics {
            var flags: [String] = []
            if !nic.physical { flags.append(text("virtual", "虚拟") + (nic.virtualKind.map { $0 == "virtual" ? "" : " (\($0))" } ?? "")) }
            if let bus = nic.bus { flags.append(bus) }
            if nic.hypervisor { flags.append(text("hypervisor adapter", "虚拟化网卡")) }
            if nic.onboard { flags.append(text("onboard", "板载")) }
            if nic.wireless { flags.append(text("wireless", "无线")) }
            if let via = nic.removableVia { flags.append(text("removable via ", "可移动：") + Self.machinePath(via)) }
            if nic.hotPlug.state == .yes { flags.append(text("hot-plug slot", "热插拔插槽")) }
            if nic.sriovVirtualFunction { flags.append(text("SR-IOV virtual function", "SR-IOV 虚拟功能")) }
            if let master = nic.master { flags.append(text("member of ", "隶属 ") + master) }
            if nic.driverLinkNotRecorded {
                flags.append(text("driver not recorded", "未记录驱动"))
            } else if nic.physical && nic.driver == nil {
                flags.append(text("no driver link", "无驱动链接"))
            }
            if nic.physical && !nic.isNetworkAdapter {
                flags.append(text("not a LAN/WLAN adapter", "非有线/无线网卡") + " (\(nic.devType ?? "type \(nic.linkType.map(String.init) ?? "?")"))")
            }
            if nic.rfkillBlocked { flags.append(text("radio blocked", "无线已屏蔽")) }
            if nic.adminUp == false { flags.append(text("down", "未启用")) }
            let names = [nic.vendorName, nic.deviceName].compactMap { $0 }.joined(separator: " ")
            let chosen = report.results.contains { $0.category == .nic && $0.subject == nic.name }
            // Linux allows any byte but '/', ':' and white space in an interface name: escapes included.
            lines += wrapped(Terminal.printable("\(nic.name)  \(fieldLabel(nic.bindingAddress))  [\(flags.joined(separator: ", "))]"
                + (names.isEmpty ? "" : "  \(names)")) + (chosen ? "  ← B4" : ""), prefix: " ", indent: "   ")
        }
        return lines
    }

    func bold(_ line: String) -> String { style.decorated ? Terminal.paint(line, nil, bold: true) : line }

    /// The table, columns aligned by display width. On a terminal narrower than the table, the Item, Value and
    /// Device columns narrow evenly to what is left and their cells wrap onto continuation lines, so no line runs
    /// past the terminal's edge (an 80-column console included).
    func table(_ rows: [[String]], colourColumn: Int, statuses: [CheckStatus?]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], Terminal.displayWidth(cell)) } }
        if let width, columns > 0 {
            // One cell at a time off the widest of them, so they narrow evenly; a MAC (17) stays on one line.
            let minimum = [2: 12, 3: 17, 4: 12]
            var excess = 1 + widths.reduce(0, +) + 2 * (columns - 1) - width
            while excess > 0 {
                let candidates = minimum.filter { $0.key < columns && widths[$0.key] > $0.value }.map(\.key)
                guard let widest = candidates.max(by: { (widths[$0], $1) < (widths[$1], $0) }) else { break }
                widths[widest] -= 1
                excess -= 1
            }
        }
        let fitted = rows.map { row in row.enumerated().map { index, cell in Terminal.fit(cell, width: widths[index]) } }
        // A wrapped column is as wide as its widest line, not as the room it was given.
        for index in 0..<columns { widths[index] = fitted.map { $0.count > index ? $0[index].map(Terminal.displayWidth).max() ?? 0 : 0 }.max() ?? 0 }
        var lines: [String] = []
        for (rowIndex, cells) in fitted.enumerated() {
            let height = cells.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var line = " "
                for (index, pieces) in cells.enumerated() {
                    let cell = lineIndex < pieces.count ? pieces[lineIndex] : ""
                    let padding = String(repeating: " ", count: max(0, widths[index] - Terminal.displayWidth(cell)))
                    var shown = cell
                    if style.decorated && !cell.isEmpty {
                        if rowIndex == 0 { shown = Terminal.paint(cell, nil, bold: true) }
                        else if index == colourColumn, let status = statuses[rowIndex] {
                            shown = Terminal.paint(cell, status == .pass ? .green : status == .fail ? .red : .yellow, bold: false)
                        }
                    }
                    line += shown + (index == cells.count - 1 ? "" : padding + "  ")
                }
                lines.append(line.trimmedTrailingSpaces)
            }
        }
        return lines
    }
}

extension String {
    var trimmedTrailingSpaces: String {
        var result = self
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
