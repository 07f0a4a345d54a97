/// `hwcheck explain TOPIC`: what a spec row, a reason code or a note (those in `notes`) means, how it is measured
/// on Linux and on Windows, typical causes and remedies, in English and Chinese. Rows are explained by the
/// hardware they read (their `source`), so a custom spec's rows are explained too.
public enum Explain {
    public struct Topic: Sendable {
        public var title: LocalizedText
        public var meaning: LocalizedText
        public var linux: LocalizedText
        public var windows: LocalizedText
        public var causes: LocalizedText
        public var remedies: LocalizedText
    }

    static func t(_ en: String, _ zh: String) -> LocalizedText { LocalizedText(en: en, zh: zh) }

    static let vendorTool = t(
        "Only the hardware vendor can change it: write it with the vendor's DMI tool (AMIDEWIN/AMIDELNX for AMI firmware, the OEM's asset utility) or return the board to the vendor. Then run hwcheck again.",
        "只有硬件厂商可以修改：使用厂商的 DMI 工具写入（AMI 固件可用 AMIDEWIN/AMIDELNX，或主机厂商的资产工具），或返厂处理。然后重新运行 hwcheck。")

    /// Explanations per row source.
    public static let sources: [Spec.Source: Topic] = [
        .productSerial: Topic(
            title: t("BIOS/system serial number (SMBIOS type 1)", "BIOS/系统序列号（SMBIOS 类型 1）"),
            meaning: t("The serial number the firmware reports for the whole system. The activation server needs it present and unique.",
                       "固件为整机报告的序列号。激活服务器要求它存在且唯一。"),
            linux: t("/sys/class/dmi/id/product_serial (root only). dmidecode -s system-serial-number shows the same value.",
                     "/sys/class/dmi/id/product_serial（仅 root 可读）。dmidecode -s system-serial-number 显示相同的值。"),
            windows: t("wmic bios get SerialNumber (Win32_BIOS.SerialNumber is the type-1 serial).",
                       "wmic bios get SerialNumber（Win32_BIOS.SerialNumber 即类型 1 序列号）。"),
            causes: t("Boards sold without an OEM programming step: empty, \"To Be Filled By O.E.M.\", \"Default string\", \"System Serial Number\". Virtual machines without SMBIOS settings.",
                      "出厂未经整机厂写入的主板：为空，或为 \"To Be Filled By O.E.M.\"、\"Default string\"、\"System Serial Number\" 等。未设置 SMBIOS 的虚拟机。"),
            remedies: vendorTool),
        .boardSerial: Topic(
            title: t("Baseboard serial number (SMBIOS type 2)", "主板序列号（SMBIOS 类型 2）"),
            meaning: t("The mainboard's own serial number. A new mainboard makes a new device for the server.",
                       "主板自身的序列号。更换主板后，服务器会视为新设备。"),
            linux: t("/sys/class/dmi/id/board_serial (root only). dmidecode -s baseboard-serial-number.",
                     "/sys/class/dmi/id/board_serial（仅 root 可读）。dmidecode -s baseboard-serial-number。"),
            windows: t("wmic baseboard get SerialNumber.", "wmic baseboard get SerialNumber。"),
            causes: t("Replacement boards and white-box boards often leave it empty or at the template value; some firmware has no type-2 structure at all (VMs, device-tree boards).",
                      "替换主板和白牌主板常常为空或保留模板值；部分固件根本没有类型 2 结构（虚拟机、设备树主板）。"),
            remedies: vendorTool),
        .chassisSerial: Topic(
            title: t("Chassis serial number (SMBIOS type 3)", "机箱序列号（SMBIOS 类型 3）"),
            meaning: t("The enclosure's serial number.", "机箱的序列号。"),
            linux: t("/sys/class/dmi/id/chassis_serial (root only).", "/sys/class/dmi/id/chassis_serial（仅 root 可读）。"),
            windows: t("wmic systemenclosure get SerialNumber.", "wmic systemenclosure get SerialNumber。"),
            causes: t("Often left empty by white-box builders.", "白牌整机常常留空。"),
            remedies: vendorTool),
        .productUUID: Topic(
            title: t("SMBIOS UUID (host id)", "SMBIOS UUID（主机标识）"),
            meaning: t("The system's 128-bit unique id, sent as the host id.", "系统的 128 位唯一标识，作为主机标识上报。"),
            linux: t("/sys/class/dmi/id/product_uuid (root only); absent when the firmware stores all-00 or all-FF.",
                     "/sys/class/dmi/id/product_uuid（仅 root 可读）；固件存储全 0 或全 F 时该文件不存在。"),
            windows: t("wmic csproduct get UUID.", "wmic csproduct get UUID。"),
            causes: t("AMI template UUID 03000200-0400-0500-0006-000700080009 and its partly filled variants; all-F or all-E values.",
                      "AMI 模板 UUID 03000200-0400-0500-0006-000700080009 及其部分填写的变体；全 F 或全 E 的值。"),
            remedies: vendorTool),
        .systemDiskSerial: Topic(
            title: t("System disk serial number", "系统盘序列号"),
            meaning: t("The serial number of the disk Windows runs from. The disk must also be internal: Windows must place it in the root container.",
                       "Windows 所在磁盘的序列号。该磁盘还必须是内置的：Windows 必须把它置于根容器中。"),
            linux: t("The disk under \"/\" (/proc/self/mountinfo through partitions, LVM, dm-crypt, md RAID); its serial from udev (ID_SERIAL_SHORT, ID_SCSI_SERIAL) or sysfs (device/serial, device/vpd_pg80). Removable: the removable attribute, a USB ancestor, or a hot-plug-capable SATA port or PCIe slot (AHCI PxCMD.HPCP / CAP.SXS+PxCMD.ESP from libahci's ahci_port_cmd/ahci_host_caps, readable by any user; PCIe Slot Capabilities need root).",
                     "“/”所在的磁盘（经 /proc/self/mountinfo、分区、LVM、dm-crypt、md RAID 追溯）；序列号取自 udev（ID_SERIAL_SHORT、ID_SCSI_SERIAL）或 sysfs（device/serial、device/vpd_pg80）。可移动判断：removable 属性、USB 上级设备、支持热插拔的 SATA 端口或 PCIe 插槽（AHCI PxCMD.HPCP / CAP.SXS+PxCMD.ESP，取自 libahci 的 ahci_port_cmd/ahci_host_caps，任何用户可读；PCIe 插槽能力寄存器需 root 读取）。"),
            windows: t("wmic diskdrive get SerialNumber; Device Manager → the disk → Properties → Details → \"In root container\" must be True. For an NVMe disk on Windows' own driver this is not the controller serial but the namespace NGUID or EUI-64 in 4-digit groups ending in \".\" (0025_3846_3140_F11C.); hwcheck shows that form beside the Linux value and judges B2 on it when it is known (a junk controller serial is then a note). With a vendor NVMe driver (Samsung, Intel RST) compare with wmic.",
                       "wmic diskdrive get SerialNumber；设备管理器 → 该磁盘 → 属性 → 详细信息 → “在根容器中”必须为 True。NVMe 磁盘使用 Windows 自带驱动时，该值不是控制器序列号，而是命名空间 NGUID 或 EUI-64，按 4 位一组并以“.”结尾（0025_3846_3140_F11C.）；hwcheck 会在 Linux 值旁显示该形式，并在能确定该形式时按它判定 B2（无效的控制器序列号此时只作为说明）。使用厂商 NVMe 驱动（三星、Intel RST）时请用 wmic 核对。"),
            causes: t("A drive that reports no serial (some cheap SSDs, failed firmware updates); a SATA port with hot-plug enabled in the BIOS, so Windows sees the disk as removable; Windows installed on a USB disk; a virtual disk without a serial.",
                      "不报告序列号的硬盘（部分廉价 SSD、固件升级失败）；BIOS 中启用了热插拔的 SATA 端口，使 Windows 把磁盘视为可移动设备；Windows 装在 USB 磁盘上；没有序列号的虚拟磁盘。"),
            remedies: t("Hot-plug: reboot, enter BIOS/UEFI setup, disable Hot Plug for the SATA port hwcheck names, save, reboot, run hwcheck again. No serial: replace the disk or set its serial with the disk vendor's tool. VMs: set serial= on the virtual disk.",
                        "热插拔：重启进入 BIOS/UEFI 设置，关闭 hwcheck 指出的 SATA 端口的热插拔，保存重启后重新运行 hwcheck。无序列号：更换磁盘或用磁盘厂商工具设置序列号。虚拟机：为虚拟磁盘设置 serial=。")),
        .primaryNICAddress: Topic(
            title: t("MAC address of a physical network adapter", "物理网卡 MAC 地址"),
            meaning: t("The burned-in MAC of an internal, enabled network adapter (wired or wireless). USB and other removable adapters do not count.",
                       "内置且已启用的网卡（有线或无线）的出厂 MAC 地址。USB 等可移动网卡不计入。"),
            linux: t("/sys/class/net/*: adapters with a device link, not SR-IOV virtual functions, not behind USB/Thunderbolt or in a hot-plug slot, with a driver bound and the radio not blocked; the permanent address from ethtool (ETHTOOL_GPERMADDR), else the current address.",
                     "/sys/class/net/*：有 device 链接的网卡，排除 SR-IOV 虚拟功能、USB/雷电或热插拔插槽中的网卡，要求已加载驱动且无线未被屏蔽；永久地址取自 ethtool（ETHTOOL_GPERMADDR），否则用当前地址。"),
            windows: t("wmic nicconfig get MACAddress; getmac /v.", "wmic nicconfig get MACAddress；getmac /v。"),
            causes: t("Onboard LAN disabled in the BIOS or without a driver; only a USB adapter attached; the adapter in a PCIe slot with hot-plug enabled; a blank NVM (88:88:88:88:87:88); the radio switched off.",
                      "BIOS 中禁用了板载网卡或未安装驱动；只连接了 USB 网卡；网卡所在 PCIe 插槽启用了热插拔；网卡 NVM 为空（88:88:88:88:87:88）；无线开关关闭。"),
            remedies: t("Enable the onboard adapter in the BIOS and install its driver; use an onboard or internal adapter instead of a USB one; disable hot-plug on the adapter's PCIe root port in the BIOS; have a blank NVM programmed by the vendor.",
                        "在 BIOS 中启用板载网卡并安装驱动；使用板载或内置网卡替代 USB 网卡；在 BIOS 中关闭网卡所在 PCIe 根端口的热插拔；NVM 为空时请厂商写入地址。")),
    ]

    /// Reason codes, in one line each; the full text of a finding is in `Catalog`.
    public static let reasons: [ReasonCode: LocalizedText] = [
        .empty: t("The value exists but holds nothing (an empty SMBIOS string, a drive that reports no serial). The row fails.",
                  "值存在但为空（SMBIOS 字符串为空，或硬盘不报告序列号）。该项不通过。"),
        .absent: t("The source does not exist on this machine (no such SMBIOS field, no serial attribute). The row fails.",
                   "本机没有该数据源（没有对应的 SMBIOS 字段或序列号属性）。该项不通过。"),
        .placeholder: t("The value is firmware junk that cannot be unique (\"To Be Filled By O.E.M.\", 0123456789, 88:88:88:88:87:88). The row fails.",
                        "该值是固件占位值，不可能唯一（\"To Be Filled By O.E.M.\"、0123456789、88:88:88:88:87:88）。该项不通过。"),
        .unreadable: t("The value exists but could not be read here, usually because hwcheck is not root. For B2 it can also be /proc/self/mountinfo, which says which disk holds \"/\", while Linux sees several internal disks (the root-mount-unreadable note). The row is unknown, not failed.",
                       "该值存在但此处无法读取，通常是因为未以 root 运行。对 B2 而言，也可能是无法读取记录“/”所在磁盘的 /proc/self/mountinfo，而 Linux 又能看到多块内置磁盘（见 root-mount-unreadable 说明）。该项为未知，而非不通过。"),
        .sourceUnavailable: t("What would tell is not available here (no SMBIOS table, no udev database, a live-only value in a recording). The row is unknown.",
                              "此处没有可供判断的数据（没有 SMBIOS 表、没有 udev 数据库，或录制数据中缺少仅实时可得的值）。该项为未知。"),
        .removable: t("The system disk is removable (USB, SD card, Thunderbolt, removable media): Windows does not place it in the root container. The row fails.",
                      "系统盘是可移动设备（USB、SD 卡、雷电、可移动介质）：Windows 不会把它置于根容器中。该项不通过。"),
        .hotPlug: t("The system disk's SATA port is hot-plug capable or external, so Windows treats the disk as removable. Disable hot-plug for that port in the BIOS. The row fails.",
                    "系统盘所在 SATA 端口支持热插拔或为外置端口，Windows 会把磁盘视为可移动设备。请在 BIOS 中关闭该端口的热插拔。该项不通过。"),
        .hotPlugSlot: t("The system disk sits in a hot-plug-capable PCIe slot, so Windows treats it as removable. The row fails.",
                        "系统盘位于支持热插拔的 PCIe 插槽中，Windows 会把它视为可移动设备。该项不通过。"),
        .hotPlugUnknown: t("Whether the port or slot of the system disk or the chosen network adapter is hot-plug capable could not be read: not root (a PCIe slot's capabilities, or SATA registers a kernel does not export), kernel lockdown, a recording without those bytes, an old kernel that names no SATA port (no ataN), or a controller answering all ones (powered down). The remedy names the cause. The row is unknown.",
                           "无法读取系统盘或所选网卡所在端口或插槽是否支持热插拔：未以 root 运行（PCIe 插槽能力寄存器，或内核未导出的 SATA 寄存器）、内核锁定、录制数据中没有这些字节、旧内核未给出 SATA 端口（没有 ataN），或控制器返回全 1（已断电）。处理方法会指明原因。该项为未知。"),
        .noDisk: t("No internal physical disk was found to bind. The row fails.", "未找到可绑定的内置物理磁盘。该项不通过。"),
        .noEligibleNIC: t("No physical, enabled, internal network adapter was found. The row fails.", "未找到已启用的内置物理网卡。该项不通过。"),
        .windowsPlaceholder: t("The system disk is NVMe: Windows (inbox stornvme driver) sends its namespace EUI-64 or NGUID, grouped as 0025_3846_3140_F11C., instead of the serial Linux shows, and that identifier is a placeholder (all zeros, one repeated digit). The row fails.",
                               "系统盘为 NVMe：Windows（自带 stornvme 驱动）上报的是其命名空间 EUI-64 或 NGUID（格式如 0025_3846_3140_F11C.），而不是 Linux 显示的序列号，且该标识是占位值（全零或同一数字重复）。该项不通过。"),
        .hiddenDisks: t("\"/\" is not on an internal disk Linux sees (a live USB boot, an overlay, or /proc/self/mountinfo unreadable), and a storage controller may be hiding disks from Linux: Intel RST's RAID mode remapping NVMe drives behind the SATA controller (ahci's remapped_nvme), an Intel VMD controller without the vmd driver, or a storage controller with no driver. Whether no internal disk is visible or a SATA disk is, Windows may run from a hidden drive, so which disk it runs from cannot be told: the row is unknown, not failed (nor passed on the visible disk).",
                        "“/”不在 Linux 能看到的内置磁盘上（从 USB 启动、overlay，或无法读取 /proc/self/mountinfo），而存储控制器可能把磁盘对 Linux 隐藏了：Intel RST 的 RAID 模式把 NVMe 硬盘重映射到 SATA 控制器之后（ahci 的 remapped_nvme）、Intel VMD 控制器没有 vmd 驱动，或存储控制器没有驱动。无论 Linux 是看不到任何内置磁盘还是能看到一块 SATA 磁盘，Windows 都可能装在被隐藏的硬盘上，因此无法判断它装在哪块磁盘上：该项为未知，既不判为不通过，也不按可见的磁盘判为通过。"),
        .windowsNotRecorded: t("The system disk is NVMe, and this recording lacks its namespace identifiers (sysfs wwid, which every kernel since 4.6 has, and eui/nguid), from which hwcheck derives the serial Windows sends. The row is unknown; record the machine again with hwcheck bundle, or run hwcheck on it.",
                               "系统盘为 NVMe，而该记录缺少其命名空间标识（sysfs 中的 wwid（4.6 起的每个内核都有）以及 eui/nguid），hwcheck 需据此推算 Windows 上报的序列号。该项为未知；请用 hwcheck bundle 重新记录该机器，或直接在其上运行 hwcheck。"),
        .nicRemovable: t("An adapter was left out because it is removable (USB, Thunderbolt).", "有网卡因可移动（USB、雷电）而被排除。"),
        .nicHotPlugSlot: t("An adapter was left out because it sits in a hot-plug-capable PCIe slot: Windows lists it under Safely Remove Hardware. Disable hot-plug on that root port in the BIOS.",
                           "有网卡因位于支持热插拔的 PCIe 插槽中而被排除：Windows 会把它列在“安全删除硬件”中。请在 BIOS 中关闭该根端口的热插拔。"),
        .nicDisabled: t("An adapter was left out because it is disabled (its radio is blocked by rfkill).", "有网卡因被禁用（无线被 rfkill 屏蔽）而被排除。"),
    ]

    /// Note codes explained on their own (the note's remedy follows); every other note is explained by its catalog
    /// text (NoteCode lists them all).
    public static let notes: [String: LocalizedText] = [
        "root-mount-unreadable": t(
            "hwcheck finds the system disk through the \"/\" mount in /proc/self/mountinfo. Here that file could not be read: it does not exist (/proc is not mounted: a chroot, a container, a recording without it), reading it failed (the error is named, e.g. EACCES from a security module), or it is larger than the 16 MiB hwcheck reads (never cut: a cut file could lose the \"/\" mount). So B2 uses the first internal disk; where Linux sees several internal disks, B2 is also unknown (unreadable), as \"/\" may be on another one. This is not the no-root-mount note, which means the file was read and has no \"/\" mount.",
            "hwcheck 通过 /proc/self/mountinfo 中的“/”挂载找到系统盘。此处无法读取该文件：文件不存在（未挂载 /proc：chroot、容器，或录制数据中没有它），读取失败（会给出错误，如安全模块返回的 EACCES），或文件超过 hwcheck 读取上限 16 MiB（不会截断读取：截断可能丢失“/”挂载）。因此 B2 使用第一块内置磁盘；若 Linux 能看到多块内置磁盘，B2 还会因“/”可能在其他磁盘上而为未知（unreadable）。这与 no-root-mount 不同，后者表示文件已读取但其中没有“/”挂载。"),
        "hidden-disks-present": t(
            "\"/\" is on a visible internal disk, so that disk is the system disk and B2 is judged on it; but a storage controller hides further disks from Linux (Intel RST's RAID mode remapping NVMe drives, reported by ahci's remapped_nvme; Intel VMD without the vmd driver; a storage controller with no driver). If the Windows to be activated is installed on one of those, B2 must be checked on that drive instead.",
            "“/”位于一块可见的内置磁盘上，因此该磁盘就是系统盘，B2 按它判断；但有存储控制器把其他磁盘对 Linux 隐藏了（Intel RST 的 RAID 模式重映射 NVMe 硬盘，由 ahci 的 remapped_nvme 报告；Intel VMD 没有 vmd 驱动；存储控制器没有驱动）。如果要激活的 Windows 安装在其中某块硬盘上，则须改为检查那块硬盘的 B2。"),
        "windows-value-uncertain": t(
            "The system disk is NVMe but the kernel shows neither an EUI-64 nor an NGUID for it (its sysfs wwid starts with \"nvme.\" or \"uuid.\"): the drive has none (NVMe 1.0), or the kernel ignores them as bogus (NVME_QUIRK_BOGUS_NID, for models whose every unit shares one id; Windows still sends that id). Windows' own NVMe driver sends the namespace NGUID or EUI-64 as the disk serial (0025_3846_3140_F11C.); without them what it sends is not documented: the controller serial in some form, or an all-zero 0000_0000_0000_0000 as seen on some drives. The row is judged on the Linux value, and the note asks to compare on Windows.",
            "系统盘为 NVMe，但内核没有显示其 EUI-64 或 NGUID（sysfs 中的 wwid 以“nvme.”或“uuid.”开头）：该硬盘没有这些标识（NVMe 1.0），或内核将其视为无效而忽略（NVME_QUIRK_BOGUS_NID，用于所有硬盘共用同一标识的型号；Windows 仍会上报该标识）。Windows 自带 NVMe 驱动以命名空间 NGUID 或 EUI-64 作为磁盘序列号上报（0025_3846_3140_F11C.）；两者都没有时上报什么并无文档说明：可能是某种形式的控制器序列号，或部分硬盘上出现的全零 0000_0000_0000_0000。该项按 Linux 值判定，并提示在 Windows 上核对。"),
        "nvme-controller-serial": t(
            "The system disk is NVMe and its controller serial (what Linux shows) is empty or junk, but Windows' own NVMe driver (stornvme) sends the namespace NGUID or EUI-64 instead (0025_3846_3140_F11C.), which is a good value: B2 is judged on what the server receives and passes. A vendor NVMe driver (Samsung, Intel RST/VMD) would send the controller serial, which the server would reject.",
            "系统盘为 NVMe，其控制器序列号（Linux 显示的值）为空或无效，但 Windows 自带 NVMe 驱动（stornvme）上报的是命名空间 NGUID 或 EUI-64（0025_3846_3140_F11C.），该值有效：B2 按服务器实际收到的值判定，结果为通过。厂商 NVMe 驱动（三星、Intel RST/VMD）会上报控制器序列号，服务器会拒绝。"),
    ]

    /// Topic names `explain` accepts: the spec's row ids, every reason code and every note code.
    public static func topics(_ spec: Spec) -> [String] {
        spec.rows.map(\.id) + ReasonCode.allCases.map(\.rawValue) + NoteCode.allCases.map(\.rawValue)
    }

    /// The text for a topic, or nil when there is no such topic.
    public static func render(_ topic: String, spec: Spec, language: Language) -> String? {
        let zh = language == .zh
        if let row = spec.rows.first(where: { $0.id.caseInsensitiveEquals(topic) }), let about = sources[row.source] {
            var lines = ["\(row.id) — \(row.title.text(language))", ""]
            lines.append(about.meaning.text(language))
            lines.append("")
            lines.append((zh ? "在 Linux 上如何检查：" : "How hwcheck measures it on Linux: ") + about.linux.text(language))
            let windows = about.windows.text(language)
            let query = row.windowsQuery.flatMap { windows.contains($0) ? nil : "\($0); " } ?? ""
            lines.append((zh ? "在 Windows 上如何核对：" : "How to check it on Windows: ") + query + windows)
            lines.append((zh ? "常见原因：" : "Typical causes: ") + about.causes.text(language))
            lines.append((zh ? "处理方法：" : "Remedies: ") + about.remedies.text(language))
            let requirements = row.requirements.map(\.rawValue).joined(separator: ", ")
            lines.append((zh ? "规范要求：" : "Requirements: ") + requirements)
            return lines.joined(separator: "\n") + "\n"
        }
        if let reason = ReasonCode(rawValue: topic.lowercased()), let text = reasons[reason] {
            var lines = ["\(reason.rawValue)", "", text.text(language)]
            let remedies = RowCategory.allCases.compactMap { category in
                Catalog.entry("\(category.rawValue).\(reason.rawValue)").map { (category, $0) }
            }
            if !remedies.isEmpty {
                lines.append("")
                lines.append(zh ? "处理方法：" : "Remedies:")
                for (category, entry) in remedies {
                    let label = zh ? ["dmi": "固件字段", "disk": "系统盘", "nic": "网卡"][category.rawValue] ?? category.rawValue
                        : ["dmi": "firmware field", "disk": "system disk", "nic": "network adapter"][category.rawValue] ?? category.rawValue
                    lines.append(" - \(label): " + Catalog.fill(entry.remedy.text(language), genericFacts(language)))
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
        // A note: its own explanation where it has one, else its catalog text with stand-ins for the machine's facts.
        if let note = NoteCode(rawValue: topic.lowercased()), let entry = Catalog.entry("note.\(note.rawValue)") {
            let facts = genericFacts(language)
            if let text = notes[note.rawValue] {
                let lines = [note.rawValue, "", text.text(language), "", (zh ? "处理方法：" : "Remedies:"),
                             " - " + Catalog.fill(entry.remedy.text(language), facts)]
                return lines.joined(separator: "\n") + "\n"
            }
            return [note.rawValue, "", (zh ? "说明：" : "Note: ") + Catalog.fill(entry.message.text(language), facts),
                    (zh ? "处理方法：" : "What to do: ") + Catalog.fill(entry.remedy.text(language), facts)]
                .joined(separator: "\n") + "\n"
        }
        return nil
    }
}

extension Explain {
    /// Stand-ins for a report's facts when a remedy is explained without a machine.
    static func genericFacts(_ language: Language) -> [String: String] {
        language == .zh
            ? ["query": "对应的 wmic 命令", "disk": "该磁盘", "transport": "其接口", "port": "N", "portFromOne": "N+1",
               "nic": "该网卡", "removableNICs": "这些网卡", "disabledNICs": "这些网卡", "controller": "控制器",
               "fields": "某些字段", "members": "（各成员盘）", "value": "该值", "chosen": "该磁盘", "source": "其来源",
               "filesystem": "其文件系统",
               "smbiosOption": "type=N,serial=…（系统为 type 1，主板为 type 2）", "missing": "相应目录",
               "windowsValue": "Windows 上报的值", "hotPlugNICs": "这些网卡", "hotPlugBridges": "见报告",
               "hotPlugCauseStep": "请以 root 身份运行 hwcheck，或用内核导出 libahci 端口属性的 Live 系统运行；录制数据需用本版本 hwcheck 重新打包。或手动核对：",
               "hotPlugCheck": "在 BIOS/UEFI 设置中，该设备所在 SATA 端口或 PCIe 插槽的热插拔必须关闭；装机后，Windows 设备管理器中该设备的“在根容器中”必须为 True。"]
            : ["query": "the row's wmic query", "disk": "the disk", "transport": "its bus", "port": "N", "portFromOne": "N+1",
               "nic": "the adapter", "removableNICs": "the adapters", "disabledNICs": "the adapters", "controller": "the controller",
               "fields": "some fields", "members": "(its members)", "value": "the value", "chosen": "that disk",
               "source": "its source", "filesystem": "its file system",
               "smbiosOption": "type=N,serial=… (type 1 for the system, type 2 for the baseboard)", "missing": "that directory",
               "windowsValue": "the value Windows sends", "hotPlugNICs": "the adapters", "hotPlugBridges": "named in the report",
               "hotPlugCauseStep": "Run hwcheck as root, or on a live system whose kernel exports libahci's port attributes; make a recording again with this hwcheck. Or check by hand:",
               "hotPlugCheck": "in BIOS/UEFI setup, hot-plug must be disabled for the device's SATA port or PCIe slot; after imaging, Windows Device Manager must show “In root container” = True for the device."]
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
