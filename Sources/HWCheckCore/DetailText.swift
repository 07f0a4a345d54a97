/// Why a field or a hot-plug answer is what it is (`Field.detail`, `HotPlugInfo.detail`), in English and Chinese.
///
/// A detail is made only here: the initialiser is fileprivate, so a probe cannot pass a bare string — it names an
/// entry below (`detail: .virtualInterface`), and a new detail is a new entry with both languages, which the
/// catalog test checks for Chinese (CatalogTests.everyDetailInBothLanguages). The JSON inventory keeps the English
/// text (`detail` is part of the contract); messages and the text report use the report's language. Paths are
/// written as the machine sees them, from "/" (a `--sysroot` replay prints what the live run prints).
public struct DetailText: Sendable, Equatable, CustomStringConvertible {
    public let en: String
    public let zh: String

    fileprivate init(_ en: String, _ zh: String) {
        self.en = en
        self.zh = zh
    }

    public func text(_ language: Language) -> String { language == .zh ? zh : en }
    public var description: String { en }

    /// "/sys/class/dmi/id" for "sys/class/dmi/id": a path under the (live or recorded) root as the machine has it.
    public static func machinePath(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : "/" + relative
    }

    // MARK: reading

    public static let permissionDenied = DetailText("permission denied (needs root)", "权限不足（需要 root）")
    public static func readError(errno code: Int32) -> DetailText {
        let described = ErrorText.describe(errno: code)
        return DetailText(described, "系统错误 \(described)")
    }

    // MARK: DMI

    public static let deviceTreeNoSMBIOS = DetailText("device-tree board: there is no SMBIOS table", "设备树（device-tree）主板：没有 SMBIOS 表")
    public static func noDMITable(_ directory: String) -> DetailText {
        DetailText("no DMI/SMBIOS table: \(machinePath(directory)) does not exist", "没有 DMI/SMBIOS 表：\(machinePath(directory)) 不存在")
    }
    public static let deviceTreeSerialStandsIn = DetailText("device-tree serial-number stands in for the SMBIOS serial",
                                                            "以设备树的 serial-number 代替 SMBIOS 序列号")

    // MARK: disks

    public static let udevSerialIsModel = DetailText("the drive reports no serial number (udev ID_SERIAL holds only the model)",
                                                     "硬盘未报告序列号（udev 的 ID_SERIAL 只有型号）")
    public static func noSerialSource(transport: String) -> DetailText {
        DetailText("no udev database entry and no serial attribute in sysfs for this \(transport) disk",
                   "该 \(transport) 磁盘既没有 udev 数据库条目，sysfs 中也没有序列号属性")
    }
    public static func recordingLacksSerial(transport: String) -> DetailText {
        DetailText("the recording has no serial attribute for this \(transport) disk (every \(transport) controller has one)",
                   "录制数据中没有该 \(transport) 磁盘的序列号属性（每个 \(transport) 控制器都有）")
    }
    public static let udevNoSerial = DetailText("udev reports no serial for this disk", "udev 未报告该磁盘的序列号")

    // MARK: hot-plug

    public static let notAHCI = DetailText("controller is not driven by ahci", "控制器未使用 ahci 驱动")
    public static func portNotInSysfs(_ ata: String) -> DetailText {
        DetailText("the port number of \(ata) is not in sysfs", "sysfs 中没有 \(ata) 的端口号")
    }
    public static let hotPlugCapableBit = DetailText("PxCMD.HPCP", "PxCMD.HPCP 置位")
    public static let externalPortBits = DetailText("PxCMD.ESP with CAP.SXS", "PxCMD.ESP 与 CAP.SXS 置位")
    public static let ahciMalformed = DetailText("AHCI registers malformed", "AHCI 寄存器数据格式错误")
    public static let ahciUnavailable = DetailText("neither libahci's port attributes nor the AHCI registers (resource5) are available",
                                                   "既没有 libahci 的端口属性，也无法获取 AHCI 寄存器（resource5）")
    public static let noDriverLinkNorAttributes = DetailText(
        "neither the controller's driver link nor libahci's port attributes are recorded",
        "录制数据中既没有控制器的驱动链接，也没有 libahci 的端口属性")
    public static func ahciLockdown(_ mode: String) -> DetailText {
        DetailText("AHCI registers (resource5) refused by kernel lockdown (\(mode)), and libahci's port attributes are missing",
                   "内核锁定（\(mode)）拒绝读取 AHCI 寄存器（resource5），且没有 libahci 的端口属性")
    }
    public static func libahciAttributes(_ problem: DetailText) -> DetailText {
        DetailText("libahci's port attributes: \(problem.en)", "libahci 的端口属性：\(problem.zh)")
    }
    public static let notHexRegister = DetailText("not a hex register value", "不是十六进制寄存器值")
    public static func controllersNotInSysfs(_ subsystem: String) -> DetailText {
        DetailText("the controllers of \(subsystem) are not in sysfs", "sysfs 中没有 \(subsystem) 的控制器")
    }
    public static let ahciNeedsRoot = DetailText("AHCI registers need root (and no kernel lockdown)", "读取 AHCI 寄存器需要 root（且内核未锁定）")
    public static func ahciReadError(errno code: Int32) -> DetailText {
        let described = ErrorText.describe(errno: code)
        return DetailText("AHCI registers: \(described)", "AHCI 寄存器读取失败：\(described)")
    }
    public static func portNotNamed(host: String?) -> DetailText {
        DetailText("this kernel names no ATA port for \(host ?? "the disk's SCSI host") (no ataN in sysfs) and exports no libahci port attributes",
                   "该内核没有为 \(host ?? "磁盘的 SCSI 主机") 命名 ATA 端口（sysfs 中没有 ataN），也没有导出 libahci 端口属性")
    }
    public static func impossibleRegisters(_ values: String) -> DetailText {
        DetailText("the AHCI registers read \(values), which no AHCI port holds (all ones or reserved bits): the controller may be powered down or gone",
                   "AHCI 寄存器读数为 \(values)，任何 AHCI 端口都不会有此值（全 1 或保留位被置位）：控制器可能已断电或不存在")
    }
    public static let slotHotPlugCapable = DetailText("slot Hot-Plug Capable", "插槽支持热插拔（Hot-Plug Capable）")
    public static let pcieCapabilitiesNeedRoot = DetailText("PCIe capabilities need root (config space beyond 64 bytes)",
                                                            "读取 PCIe 能力需要 root（配置空间超出 64 字节）")
    public static let pcieCapabilitiesUnreadable = DetailText("PCIe capability list unreadable", "无法读取 PCIe 能力列表")
    public static let pciConfigUnavailable = DetailText("PCI config space not available", "无法获取 PCI 配置空间")
    public static let pciConfigNeedsRoot = DetailText("PCI config space needs root", "读取 PCI 配置空间需要 root")
    public static func pciConfigReadError(errno code: Int32) -> DetailText {
        let described = ErrorText.describe(errno: code)
        return DetailText("PCI config space: \(described)", "PCI 配置空间读取失败：\(described)")
    }

    /// md RAID members on hot-plug SATA ports, each with its port: "sda on SATA port 0 (ata1, PxCMD.HPCP), sdb on
    /// SATA port 2 (ata3, PxCMD.HPCP)"; a member whose port number is not known is named by its ata port.
    public static func hotPlugMembers(_ members: [(disk: String, port: Int?, ata: String?, detail: DetailText?)]) -> DetailText {
        let en = members.map { member in
            let inside = [member.ata, member.detail?.en].compactMap { $0 }.joined(separator: ", ")
            let place = member.port.map { "SATA port \($0)" } ?? "a SATA port whose number is not known"
            return "\(member.disk) on \(place)" + (inside.isEmpty ? "" : " (\(inside))")
        }
        let zh = members.map { member in
            let inside = [member.ata, member.detail?.zh].compactMap { $0 }.joined(separator: "，")
            let place = member.port.map { "SATA 端口 \($0)" } ?? "端口号未知的 SATA 端口"
            return "\(member.disk) 在 \(place)" + (inside.isEmpty ? "" : "（\(inside)）")
        }
        return DetailText(en.joined(separator: ", "), zh.joined(separator: "，"))
    }

    // MARK: the "/" mount

    /// Why proc/self/mountinfo gave no mounts (`SystemDiskChoice.RootMountFailure.facts`): missing, unreadable with
    /// the errno's words, or over the 16 MiB hwcheck reads.
    public static func rootMountProblem(cause: String?, errno code: Int32?) -> DetailText {
        switch cause {
        case "missing":
            return DetailText("/proc/self/mountinfo does not exist (/proc is not mounted here)",
                              "/proc/self/mountinfo 不存在（此处未挂载 /proc）")
        case "denied":
            return DetailText("/proc/self/mountinfo could not be read: permission denied (a security module or sandbox refuses it)",
                              "无法读取 /proc/self/mountinfo：权限不足（被安全模块或沙箱拒绝）")
        case "too-large":
            return DetailText("/proc/self/mountinfo is larger than the 16 MiB hwcheck reads",
                              "/proc/self/mountinfo 超过 hwcheck 读取上限 16 MiB")
        default:
            let error = readError(errno: code ?? 5)  // EIO when no errno came with it
            return DetailText("/proc/self/mountinfo could not be read: \(error.en)", "无法读取 /proc/self/mountinfo：\(error.zh)")
        }
    }

    // MARK: network adapters

    public static let recordingLacksAddress = DetailText("the recording has no address file (every network interface has one)",
                                                         "录制数据中没有 address 文件（每个网络接口都有）")
    public static let virtualInterface = DetailText("virtual interface", "虚拟网络接口")
    public static let noPermanentAddress = DetailText("the driver reports no permanent address", "驱动未报告永久地址")
    public static let permanentAddressLiveOnly = DetailText(
        "only a live interface can report its permanent address; the current address is used",
        "只有在实机上运行才能读取永久地址；此处使用当前地址")
    public static let locallyAdministeredPermanent = DetailText("rule: locally-administered (claimed permanent)",
                                                                "规则：本地管理地址（却声称是永久地址）")

    // MARK: placeholders

    /// What `PlaceholderRules.match` said ("listed: …", "rule: …", "malformed: …"), its frame in Chinese; list
    /// values, sources and rule names stay as they are (they are what the spec file and `hwcheck spec` show).
    public static func placeholder(_ match: String) -> DetailText {
        let frames = [("listed: ", "列表项："), ("rule: ", "规则："), ("malformed: not a UUID", "格式错误：不是 UUID")]
        for (english, chinese) in frames where match.hasPrefix(english) {
            return DetailText(match, chinese + match.dropFirst(english.count))
        }
        return DetailText(match, "占位值：" + match)
    }

    /// Two details of one field, in order.
    public static func joined(_ details: [DetailText]) -> DetailText? {
        guard !details.isEmpty else { return nil }
        return DetailText(details.map(\.en).joined(separator: "; "), details.map(\.zh).joined(separator: "；"))
    }

    /// One of each, with sample arguments: what the catalog test checks for both languages.
    static var examples: [DetailText] {
        [permissionDenied, readError(errno: 5), deviceTreeNoSMBIOS, noDMITable("sys/class/dmi/id"), deviceTreeSerialStandsIn,
         udevSerialIsModel, noSerialSource(transport: "sata"), recordingLacksSerial(transport: "NVMe"), udevNoSerial,
         recordingLacksAddress, notAHCI, portNotInSysfs("ata1"),
         hotPlugCapableBit, externalPortBits, ahciMalformed, ahciUnavailable, ahciNeedsRoot, ahciReadError(errno: 5),
         noDriverLinkNorAttributes, ahciLockdown("integrity"), libahciAttributes(notHexRegister), notHexRegister,
         controllersNotInSysfs("nvme-subsys0"), portNotNamed(host: "host2"), portNotNamed(host: nil),
         impossibleRegisters("CAP ffffffff, PxCMD ffffffff"),
         slotHotPlugCapable, pcieCapabilitiesNeedRoot, pcieCapabilitiesUnreadable, pciConfigUnavailable,
         pciConfigNeedsRoot, pciConfigReadError(errno: 5), virtualInterface, noPermanentAddress,
         permanentAddressLiveOnly, locallyAdministeredPermanent, placeholder("listed: \"Default string\" (glpi)"),
         placeholder("rule: repeated-character"), placeholder("malformed: not a UUID"),
         hotPlugMembers([(disk: "sda", port: 0, ata: "ata1", detail: hotPlugCapableBit), (disk: "sdb", port: nil, ata: "ata3", detail: nil)]),
         rootMountProblem(cause: "missing", errno: nil), rootMountProblem(cause: "too-large", errno: nil),
         rootMountProblem(cause: "denied", errno: nil),
         rootMountProblem(cause: "unreadable", errno: 13)]
    }
}
