/// The message and remedy of every finding (a row's reason) and every note, in English and Simplified Chinese, in
/// one table. It is not every text hwcheck prints: `hwcheck explain` topics live in Explain, field details in
/// DetailText, and the text report's and the command line's own wording beside the code that prints it.
/// Keys: "<category>.<reason>" (a row's finding), "note.<code>" (a note). Templates take `{name}` facts.
/// A test checks that every category × reason and every note code has a message and a remedy in both languages.
public enum Catalog {
    public struct Entry: Sendable {
        public var message: LocalizedText
        public var remedy: LocalizedText
    }

    static func t(_ en: String, _ zh: String) -> LocalizedText { LocalizedText(en: en, zh: zh) }

    // Shared remedies, so one wording serves several findings.
    static let vendorDMITool = t(
        "The operating system cannot change this value. Have it written with the hardware vendor's DMI tool (or by the vendor), then run hwcheck again. On Windows, check with: {query}",
        "操作系统无法修改此值。请使用硬件厂商提供的 DMI 工具写入（或联系厂商处理），然后重新运行 hwcheck。在 Windows 上可用以下命令核对：{query}")
    static let diskSerial = t(
        "Find disk {disk} ({transport}) in the machine and check that its hardware information meets the spec. A disk that reports no usable serial number cannot be bound: replace it, or set the serial with the disk vendor's tool if it has one. On Windows, check with: {query}",
        "在机器中找到磁盘 {disk}（{transport}），核对其硬件信息是否符合规范。无法报告有效序列号的磁盘不能绑定：请更换磁盘，或使用磁盘厂商的工具（如有）设置序列号。在 Windows 上可用以下命令核对：{query}")
    static let runAsRoot = t(
        "Run hwcheck as root (sudo hwcheck). If it still cannot be read, look for errors on this device in the kernel log (dmesg).",
        "请以 root 身份运行 hwcheck（sudo hwcheck）。若仍无法读取，请在内核日志（dmesg）中查看该设备的错误。")
    static let nicCheck = t(
        "Check network adapter {nic} in the BIOS and its driver; prefer an onboard adapter. On Windows, check with: {query}",
        "请在 BIOS 和驱动中检查网卡 {nic}；优先使用板载网卡。在 Windows 上可用以下命令核对：{query}")

    static let recordAgain = t(
        "Record the machine again with hwcheck bundle (as root), or run hwcheck on the machine itself. On Windows, check with: {query}",
        "请在该机器上以 root 身份用 hwcheck bundle 重新记录，或直接在该机器上运行 hwcheck。在 Windows 上可用以下命令核对：{query}")

    static let ahciModeRemedy = t(
        "Reboot into BIOS/UEFI setup and switch the storage (SATA) mode from RAID / Intel RST (or “RAID On”) to AHCI, or boot a live system whose kernel supports this controller; then run hwcheck again. Do not switch the mode under an installed Windows without preparing it first (boot once into Safe Mode), or it will not start.",
        "重启进入 BIOS/UEFI 设置，把存储（SATA）模式从 RAID / Intel RST（或“RAID On”）改为 AHCI，或用内核支持该控制器的 Live 系统启动；然后重新运行 hwcheck。已安装 Windows 的机器须先做好准备（先进入一次安全模式）再切换模式，否则 Windows 将无法启动。")

    static let vmdRemedy = t(
        "Boot a live system whose kernel has the vmd driver (most current distributions; CONFIG_VMD) and run hwcheck again, or disable VMD (\"VMD controller\", \"Intel VMD technology\") in BIOS/UEFI setup. Do not switch it on an installed Windows without preparing Windows first (boot once into Safe Mode), or it will not start.",
        "请用内核带有 vmd 驱动的 Live 系统启动（当前主流发行版大多具备；CONFIG_VMD）后重新运行 hwcheck，或在 BIOS/UEFI 设置中关闭 VMD（“VMD controller”“Intel VMD technology”）。已安装的 Windows 须先做好准备（先进入一次安全模式）再切换，否则将无法启动。")

    /// proc/self/mountinfo could not be read: where to run hwcheck so it can, or how to name the disk.
    static let rootMountRemedy = t(
        "Run hwcheck where /proc is mounted and readable (on the machine itself, not in a chroot or a container without /proc; mount -t proc proc /proc), or, for a recording, make it again with hwcheck bundle; or name the disk Windows is installed on with --disk NAME.",
        "请在已挂载且可读取 /proc 的环境中运行 hwcheck（直接在该机器上运行，而不是在没有 /proc 的 chroot 或容器中；可执行 mount -t proc proc /proc），录制数据请用 hwcheck bundle 重新录制；或用 --disk 指定安装 Windows 的磁盘。")

    /// A controller hides disks while "/" does not prove the system disk: B2 is not bound to the visible one.
    static let hiddenBesideRemedy = t(
        "If Windows is installed on {chosen} after all, name it with --disk {chosen}; otherwise see B2's remedy (the BIOS storage mode).",
        "如果 Windows 确实安装在 {chosen} 上，请用 --disk {chosen} 指定；否则请按 B2 的处理方法（BIOS 存储模式）操作。")

    static let noDiskRemedy = t(
        "B2 binds the disk Windows is installed on: install an internal disk (or enable it in the BIOS) before activation.",
        "B2 绑定安装 Windows 的磁盘：激活前请安装内置磁盘（或在 BIOS 中启用它）。")

    // Hot-plug unknown: the remedy names the cause ({hotPlugCauseStep}) and the check by hand for that kind of
    // port ({hotPlugCheck}); `hotPlugFacts` fills both in the report's language.
    static let nvmeControllerSerialRemedy = t(
        "A vendor NVMe driver (Samsung NVMe driver, Intel RST/VMD) sends the controller serial, which the server would reject: activate with Windows' inbox driver (stornvme), and check that wmic diskdrive get SerialNumber shows {windowsValue} for this disk.",
        "厂商 NVMe 驱动（三星 NVMe 驱动、Intel RST/VMD）上报的是控制器序列号，服务器会拒绝：请使用 Windows 自带驱动（stornvme）激活，并确认 wmic diskdrive get SerialNumber 对该磁盘显示 {windowsValue}。")
    static let hotPlugUnknownRemedy = t("{hotPlugCauseStep} {hotPlugCheck}", "{hotPlugCauseStep}{hotPlugCheck}")

    /// Keyed "<cause>.<via>" or "<cause>" (HotPlugUnknownCause raw values, HotPlugInfo.via).
    static let hotPlugCauseSteps: [String: LocalizedText] = [
        "not-root.ahci-port": t(
            "Run hwcheck as root (sudo hwcheck): this kernel does not export libahci's port attributes, so the SATA port's bits must be read from the controller's registers, which only root may map. Or check by hand:",
            "请以 root 身份运行 hwcheck（sudo hwcheck）：该内核未导出 libahci 的端口属性，只能从控制器寄存器读取 SATA 端口的热插拔位，而这需要 root 权限。或手动核对："),
        "not-root.pcie-slot": t(
            "Run hwcheck as root (sudo hwcheck): only root may read a PCIe slot's capabilities (config space beyond 64 bytes). Or check by hand:",
            "请以 root 身份运行 hwcheck（sudo hwcheck）：只有 root 才能读取 PCIe 插槽的能力寄存器（配置空间 64 字节之后的部分）。或手动核对："),
        "lockdown": t(
            "The kernel is locked down (Ubuntu, Fedora, RHEL and Debian kernels do this whenever Secure Boot is on), so not even root may read the controller's registers, and this kernel does not export libahci's port attributes. Boot a current live system (its kernel exports them), or boot once with Secure Boot off and run sudo hwcheck. Or check by hand:",
            "内核处于锁定（lockdown）状态（Ubuntu、Fedora、RHEL、Debian 的内核在开启安全启动时都会如此），即使 root 也无法读取控制器寄存器，而该内核又未导出 libahci 的端口属性。请用较新的 Live 系统启动（其内核会导出这些属性），或临时关闭安全启动后以 sudo hwcheck 运行。或手动核对："),
        "not-recorded.ahci-port": t(
            "This recording does not hold the SATA port's bits (libahci's ahci_port_cmd, or the controller's driver link and resource5): make the bundle again on the machine with this hwcheck (sudo hwcheck bundle --output FILE.tar). Or check by hand:",
            "该录制数据中没有 SATA 端口的热插拔位（libahci 的 ahci_port_cmd，或控制器的 driver 链接和 resource5）：请在该机器上用本版本 hwcheck 重新打包（sudo hwcheck bundle --output FILE.tar）。或手动核对："),
        "not-recorded.pcie-slot": t(
            "This recording does not hold the PCIe bridge's config space: make the bundle again on the machine as root with this hwcheck (sudo hwcheck bundle --output FILE.tar). Or check by hand:",
            "该录制数据中没有 PCIe 桥的配置空间：请在该机器上以 root 身份用本版本 hwcheck 重新打包（sudo hwcheck bundle --output FILE.tar）。或手动核对："),
        "unreadable": t(
            "Reading the bits failed: look for errors on this device in the kernel log (dmesg). Or check by hand:",
            "读取热插拔位失败：请在内核日志（dmesg）中查看该设备的错误。或手动核对："),
        "port-not-named": t(
            "This kernel does not name the SATA port the disk is on (no ataN in sysfs: it predates libata's transport class) and does not export libahci's port attributes, so the port's bits cannot be found. Boot a current live system and run hwcheck there: its kernel names the port and exports them. Or check by hand:",
            "该内核没有给出磁盘所在的 SATA 端口（sysfs 中没有 ataN：早于 libata 的 transport class），也未导出 libahci 的端口属性，因此找不到该端口的热插拔位。请用较新的 Live 系统启动并在其中运行 hwcheck：其内核会给出端口并导出这些属性。或手动核对："),
        "invalid-value": t(
            "The AHCI controller {controller} answered with a value no AHCI register holds (all ones, or reserved bits set): it is probably powered down by runtime power management, or gone. As root, keep it powered while hwcheck reads (echo on > /sys/bus/pci/devices/{controller}/power/control) and run hwcheck again; look for errors on it in the kernel log (dmesg). Or check by hand:",
            "AHCI 控制器 {controller} 返回的值不可能是 AHCI 寄存器的值（全 1，或保留位被置位）：它很可能已被运行时电源管理关闭，或已不存在。请以 root 身份在 hwcheck 读取期间保持其供电（echo on > /sys/bus/pci/devices/{controller}/power/control）后重新运行 hwcheck，并在内核日志（dmesg）中查看该控制器的错误。或手动核对："),
    ]

    /// Keyed by HotPlugInfo.via.
    static let hotPlugChecks: [String: LocalizedText] = [
        "ahci-port": t(
            "in BIOS/UEFI setup, Hot Plug (also “Hot Swap” or “External SATA”) must be disabled for SATA port {port} (SATA {portFromOne} on boards that count from 1); after imaging, Windows Device Manager must show “In root container” = True for the device.",
            "在 BIOS/UEFI 设置中，SATA 端口 {port}（从 1 开始编号的主板上为 SATA {portFromOne}）的热插拔（Hot Plug，也可能叫 Hot Swap 或 External SATA）必须关闭；装机后，Windows 设备管理器中该设备的“在根容器中”必须为 True。"),
        // No port number known: the port is named by libata's names ({sataPortName}) and found by its cable.
        "ahci-port.no-port": t(
            "in BIOS/UEFI setup, Hot Plug (also “Hot Swap” or “External SATA”) must be disabled for the SATA port this disk is connected to ({sataPortName}; its number is not known here because {portUnknownWhy}: follow the disk's cable to the board's labelled SATA connector, or disable it on every SATA port); after imaging, Windows Device Manager must show “In root container” = True for the device.",
            "在 BIOS/UEFI 设置中，该磁盘所连接 SATA 端口（{sataPortName}；此处无法得知端口号，因为{portUnknownWhy}：请顺着磁盘的数据线找到主板上标注的 SATA 接口，或对所有 SATA 端口关闭）的热插拔（Hot Plug，也可能叫 Hot Swap 或 External SATA）必须关闭；装机后，Windows 设备管理器中该设备的“在根容器中”必须为 True。"),
        "pcie-slot": t(
            "in BIOS/UEFI setup, PCIe hot-plug must be disabled on the root port of the slot behind bridge {controller} (an NVMe drive's M.2/U.2 slot, or an adapter's slot); after imaging, Windows Device Manager must show “In root container” = True for the device.",
            "在 BIOS/UEFI 设置中，桥 {controller} 下插槽（NVMe 硬盘的 M.2/U.2 插槽或扩展卡插槽）所在根端口的 PCIe 热插拔必须关闭；装机后，Windows 设备管理器中该设备的“在根容器中”必须为 True。"),
    ]

    /// The cause step and the check by hand of a hot-plug-unknown remedy, in `language`. `portKnown` false: a SATA
    /// port without a number (the check names it by `sataPortUnnamed`'s facts).
    public static func hotPlugFacts(cause: String?, via: String?, portKnown: Bool = true, language: Language) -> [String: String] {
        let via = via ?? "ahci-port"
        let cause = cause ?? "unreadable"
        let step = hotPlugCauseSteps["\(cause).\(via)"] ?? hotPlugCauseSteps[cause] ?? hotPlugCauseSteps["unreadable"]
        let check = (portKnown ? nil : hotPlugChecks["\(via).no-port"]) ?? hotPlugChecks[via] ?? hotPlugChecks["ahci-port"]
        return ["hotPlugCauseStep": step?.text(language) ?? "", "hotPlugCheck": check?.text(language) ?? ""]
    }

    /// A SATA port whose number is not known: `sataPortName` (libata's names for it: "ata3, SCSI host2") and
    /// `portUnknownWhy` (no ataN on this kernel, or no port_no in the recording).
    public static func sataPortUnnamed(ata: String?, scsiHost: String?, language: Language) -> [String: String] {
        let name = [ata, scsiHost.map { "SCSI \($0)" }].compactMap { $0 }.joined(separator: language == .zh ? "，" : ", ")
        let why = ata.map { ata in
            t("\(ata)/ata_port/\(ata)/port_no, which holds it, is missing",
              "缺少记录端口号的 \(ata)/ata_port/\(ata)/port_no")
        } ?? t("this kernel shows no ataN for the disk", "该内核没有为该磁盘给出 ataN")
        return ["sataPortName": name.isEmpty ? "-" : name, "portUnknownWhy": why.text(language)]
    }

    /// How a hot-plug AHCI port is described: hot-plug capable (PxCMD.HPCP), or only external (eSATA: ESP with SXS).
    public static func hotPlugKind(detail: String?, language: Language) -> String {
        let externalOnly = detail?.contains("ESP") == true && detail?.contains("HPCP") != true
        return externalOnly ? t("an external (eSATA) port", "是外置（eSATA）端口").text(language)
            : t("hot-plug capable", "支持热插拔").text(language)
    }

    static let fallbackRemedy = t(
        "If Windows will be installed on another disk, name it with --disk NAME.",
        "如果 Windows 将安装在其他磁盘上，请用 --disk 指定该磁盘。")

    static let entries: [String: Entry] = [
        "dmi.empty": Entry(
            message: t("{title} is empty in the firmware (SMBIOS).", "固件（SMBIOS）中的{title}为空。"),
            remedy: vendorDMITool),
        "dmi.absent": Entry(
            message: t("The firmware has no {title} field ({source} does not exist).", "固件中没有{title}字段（{source} 不存在）。"),
            remedy: vendorDMITool),
        "dmi.device-tree-absent": Entry(
            message: t("This is a device-tree board: it has no SMBIOS table, so it has no {title}.",
                       "这是设备树（device-tree）主板：它没有 SMBIOS 表，因此没有{title}。"),
            remedy: t("No tool can add it. The activation server's spec cannot be met on this hardware as written: ask its owner how device-tree boards are to be bound.",
                      "任何工具都无法添加此值。此类硬件无法按激活服务器的现有规范满足要求：请向其管理方确认设备树主板的绑定方式。")),
        "dmi.placeholder": Entry(
            message: t("{title} is a placeholder, not a unique value: \"{value}\" ({detail}).",
                       "{title}是占位值，不是唯一值：\"{value}\"（{detail}）。"),
            remedy: vendorDMITool),
        "dmi.unreadable": Entry(
            message: t("{title} could not be read: {detail}.", "无法读取{title}：{detail}。"),
            remedy: runAsRoot),
        "dmi.source-unavailable": Entry(
            message: t("{title} cannot be read on this machine: {detail}.", "本机无法读取{title}：{detail}。"),
            remedy: t(
                "This system exposes no SMBIOS table to Linux. Check the value on the installed Windows with: {query}. On a virtual machine, set SMBIOS values in the hypervisor (QEMU: -smbios {smbiosOption}).",
                "该系统未向 Linux 提供 SMBIOS 表。请在已安装的 Windows 上用以下命令核对：{query}。若为虚拟机，请在虚拟化平台中设置 SMBIOS 值（QEMU：-smbios {smbiosOption}）。")),
        "disk.virtio-empty": Entry(
            message: t("System disk {disk} is a virtual disk (virtio) without a serial number.", "系统盘 {disk} 是没有序列号的虚拟磁盘（virtio）。"),
            remedy: t(
                "Give the virtual disk a serial in the hypervisor (libvirt: <serial>…</serial> in the disk element; QEMU: -device virtio-blk-pci,serial=…), restart the VM and run hwcheck again.",
                "请在虚拟化平台中为该虚拟磁盘设置序列号（libvirt：在 disk 元素中加入 <serial>…</serial>；QEMU：-device virtio-blk-pci,serial=…），重启虚拟机后重新运行 hwcheck。")),
        "disk.empty": Entry(
            message: t("System disk {disk} ({transport}) reports an empty serial number.", "系统盘 {disk}（{transport}）的序列号为空。"),
            remedy: diskSerial),
        "disk.absent": Entry(
            message: t("System disk {disk} ({transport}) has no serial number: {detail}.", "系统盘 {disk}（{transport}）没有序列号：{detail}。"),
            remedy: diskSerial),
        "disk.placeholder": Entry(
            message: t("System disk {disk} reports a placeholder serial number: \"{value}\" ({detail}).",
                       "系统盘 {disk} 的序列号是占位值：\"{value}\"（{detail}）。"),
            remedy: diskSerial),
        "disk.unreadable": Entry(
            message: t("The serial number of system disk {disk} could not be read: {detail}.", "无法读取系统盘 {disk} 的序列号：{detail}。"),
            remedy: runAsRoot),
        "disk.source-unavailable": Entry(
            message: t("The serial number of system disk {disk} is not available here: {detail}.", "此处无法获取系统盘 {disk} 的序列号：{detail}。"),
            remedy: t(
                "Run hwcheck on the installed system, where udev (systemd-udevd) is running, or check on Windows with: {query}",
                "请在已安装且运行 udev（systemd-udevd）的系统上运行 hwcheck，或在 Windows 上用以下命令核对：{query}")),
        "disk.not-recorded-source-unavailable": Entry(
            message: t("The serial number of system disk {disk} cannot be told here: {detail}.",
                       "此处无法得知系统盘 {disk} 的序列号：{detail}。"),
            remedy: recordAgain),
        "disk.recording-source-unavailable": Entry(
            message: t("This recording has no {missing}: which disk holds the system, and its serial number, cannot be told from it.",
                       "该记录中没有 {missing}：无法从中判断系统盘是哪块磁盘及其序列号。"),
            remedy: recordAgain),
        "disk.removable": Entry(
            message: t("System disk {disk} is removable ({via}): Windows does not place it in the root container.",
                       "系统盘 {disk} 是可移动设备（{via}）：Windows 不会将其置于根容器中。"),
            remedy: t(
                "Install the system on an internal disk; a USB or removable disk cannot be bound. After imaging, check in Windows Device Manager: the disk → Properties → Details → \"In root container\" must be True.",
                "请将系统安装在内置磁盘上；USB 或可移动磁盘无法绑定。装机后在 Windows 设备管理器中核对：该磁盘 → 属性 → 详细信息 → “在根容器中”必须为 True。")),
        "disk.hot-plug": Entry(
            message: t("System disk {disk} is on SATA port {port} ({ata}, controller {controller}), which is {hotPlugKind} ({hotPlugDetail}): Windows treats the disk as removable, not in the root container.",
                       "系统盘 {disk} 连接在 SATA 端口 {port}（{ata}，控制器 {controller}），该端口{hotPlugKind}（{hotPlugDetail}）：Windows 会把该磁盘视为可移动设备，不在根容器中。"),
            remedy: t(
                "Reboot and enter BIOS/UEFI setup. In the SATA configuration, disable Hot Plug (also called “Hot Swap” or “External SATA”) for SATA port {port} (boards that count from 1 call it SATA {portFromOne}). Save, reboot and run hwcheck again. After imaging, check in Windows Device Manager: the disk → Properties → Details → “In root container” must be True.",
                "重启并进入 BIOS/UEFI 设置，在 SATA 配置中关闭 SATA 端口 {port}（从 1 开始编号的主板上为 SATA {portFromOne}）的热插拔功能（Hot Plug，也可能叫 Hot Swap 或 External SATA）。保存后重启，再次运行 hwcheck。装机后在 Windows 设备管理器中核对：该磁盘 → 属性 → 详细信息 → “在根容器中”必须为 True。")),
        // The same without a port number (`Catalog.sataPortUnnamed` gives the names and why).
        "disk.hot-plug.no-port": Entry(
            message: t("System disk {disk} is on a SATA port of controller {controller} ({sataPortName}) that is {hotPlugKind} ({hotPlugDetail}): Windows treats the disk as removable, not in the root container. Which port number it is cannot be told here: {portUnknownWhy}.",
                       "系统盘 {disk} 连接在控制器 {controller} 的一个 SATA 端口上（{sataPortName}），该端口{hotPlugKind}（{hotPlugDetail}）：Windows 会把该磁盘视为可移动设备，不在根容器中。此处无法得知端口号：{portUnknownWhy}。"),
            remedy: t(
                "Reboot and enter BIOS/UEFI setup. In the SATA configuration, disable Hot Plug (also called “Hot Swap” or “External SATA”) for the port disk {disk} is connected to: follow its cable to the board's SATA connector, whose label names the port, or disable it on every SATA port. Save, reboot and run hwcheck again. After imaging, check in Windows Device Manager: the disk → Properties → Details → “In root container” must be True.",
                "重启并进入 BIOS/UEFI 设置，在 SATA 配置中关闭磁盘 {disk} 所连接端口的热插拔功能（Hot Plug，也可能叫 Hot Swap 或 External SATA）：顺着其数据线找到主板上的 SATA 接口，接口标注即端口名；或对所有 SATA 端口关闭。保存后重启，再次运行 hwcheck。装机后在 Windows 设备管理器中核对：该磁盘 → 属性 → 详细信息 → “在根容器中”必须为 True。")),
        "disk.hot-plug-slot": Entry(
            message: t("System disk {disk} sits in a hot-plug-capable PCIe slot (bridge {controller}): Windows treats it as removable.",
                       "系统盘 {disk} 位于支持热插拔的 PCIe 插槽中（桥 {controller}）：Windows 会把它视为可移动设备。"),
            remedy: t(
                "Disable PCIe hot-plug for that slot in BIOS/UEFI setup if the board offers it, or move the drive to a slot or M.2 socket without hot-plug; then run hwcheck again. After imaging, check in Windows Device Manager that “In root container” is True.",
                "如主板支持，请在 BIOS/UEFI 设置中关闭该插槽的 PCIe 热插拔，或将硬盘移到不支持热插拔的插槽或 M.2 接口，然后重新运行 hwcheck。装机后在 Windows 设备管理器中核对“在根容器中”为 True。")),
        "disk.hot-plug-unknown": Entry(
            message: t("Whether the port of system disk {disk} is hot-plug capable could not be read: {hotPlugDetail}.",
                       "无法读取系统盘 {disk} 所在端口是否支持热插拔：{hotPlugDetail}。"),
            remedy: hotPlugUnknownRemedy),
        "disk.windows-placeholder": Entry(
            message: t("System disk {disk} ({transport}): Windows sends its namespace identifier {windowsValue} as the serial, not the controller serial Linux shows, and that identifier is a placeholder ({windowsDetail}).",
                       "系统盘 {disk}（{transport}）：Windows 上报的序列号是其命名空间标识 {windowsValue}，而不是 Linux 显示的控制器序列号，且该标识是占位值（{windowsDetail}）。"),
            remedy: t(
                "The activation server receives {windowsValue}, which identifies nothing. Update the SSD firmware with the vendor's tool (the namespace EUI-64/NGUID is set by the firmware) or replace the disk; check on Windows with: {query}",
                "激活服务器收到的是 {windowsValue}，无法标识设备。请用厂商工具升级该固态硬盘的固件（命名空间 EUI-64/NGUID 由固件设置）或更换磁盘；在 Windows 上可用以下命令核对：{query}")),
        "disk.hidden-disks": Entry(
            message: t("No internal disk is visible to Linux, but storage controller {controller} may be hiding disks from it: which disk Windows will run from cannot be told here.",
                       "Linux 看不到任何内置磁盘，但存储控制器 {controller} 可能把磁盘隐藏了：此处无法判断 Windows 将安装在哪块磁盘上。"),
            remedy: ahciModeRemedy),
        "disk.rst-remapped-nvme-hidden-disks": Entry(
            message: t("No internal disk is visible to Linux, but the SATA controller {controller} reports {count} NVMe drive(s) hidden behind it by Intel RST (the BIOS storage mode is RAID / Intel RST): B2 cannot be judged here.",
                       "Linux 看不到任何内置磁盘，但 SATA 控制器 {controller} 报告有 {count} 块 NVMe 硬盘被 Intel RST 隐藏在其后（BIOS 存储模式为 RAID / Intel RST）：此处无法判断 B2。"),
            remedy: ahciModeRemedy),
        "disk.vmd-without-driver-hidden-disks": Entry(
            message: t("No internal disk is visible to Linux, but Intel VMD controller {controller} is on and this kernel has no vmd driver for it, so the NVMe drives behind it are hidden: B2 cannot be judged here.",
                       "Linux 看不到任何内置磁盘，但 Intel VMD 控制器 {controller} 已开启，而当前内核没有为其加载 vmd 驱动，其后的 NVMe 硬盘因此不可见：此处无法判断 B2。"),
            remedy: vmdRemedy),
        "disk.controller-without-driver-hidden-disks": Entry(
            message: t("No internal disk is visible to Linux, but storage controller {controller} (PCI class {class}) has no driver here, so disks behind it cannot be seen: B2 cannot be judged here.",
                       "Linux 看不到任何内置磁盘，但存储控制器 {controller}（PCI 类别 {class}）在此没有驱动，其后的磁盘因此不可见：此处无法判断 B2。"),
            remedy: ahciModeRemedy),
        // A disk is visible, but "/" does not prove it is the system disk and a controller hides others.
        "disk.rst-remapped-nvme-beside-hidden-disks": Entry(
            message: t("Linux sees internal disk {visible}, but \"/\" is not on it, so it is not known to be the system disk; and the SATA controller {controller} reports {count} NVMe drive(s) hidden behind it by Intel RST (the BIOS storage mode is RAID / Intel RST), from which Windows may well run: B2 is not judged on {visible}.",
                       "Linux 能看到内置磁盘 {visible}，但“/”不在其上，无法确认它就是系统盘；而 SATA 控制器 {controller} 报告有 {count} 块 NVMe 硬盘被 Intel RST 隐藏在其后（BIOS 存储模式为 RAID / Intel RST），Windows 很可能装在其中：B2 不按 {visible} 判断。"),
            remedy: ahciModeRemedy),
        "disk.vmd-without-driver-beside-hidden-disks": Entry(
            message: t("Linux sees internal disk {visible}, but \"/\" is not on it, so it is not known to be the system disk; and Intel VMD controller {controller} is on without the vmd driver, so the NVMe drives behind it, from which Windows may well run, are hidden: B2 is not judged on {visible}.",
                       "Linux 能看到内置磁盘 {visible}，但“/”不在其上，无法确认它就是系统盘；而 Intel VMD 控制器 {controller} 已开启却没有 vmd 驱动，其后的 NVMe 硬盘（Windows 很可能装在其中）因此不可见：B2 不按 {visible} 判断。"),
            remedy: vmdRemedy),
        "disk.controller-without-driver-beside-hidden-disks": Entry(
            message: t("Linux sees internal disk {visible}, but \"/\" is not on it, so it is not known to be the system disk; and storage controller {controller} (PCI class {class}) has no driver here, so disks behind it, from which Windows may run, cannot be seen: B2 is not judged on {visible}.",
                       "Linux 能看到内置磁盘 {visible}，但“/”不在其上，无法确认它就是系统盘；而存储控制器 {controller}（PCI 类别 {class}）在此没有驱动，其后的磁盘（Windows 可能装在其中）因此不可见：B2 不按 {visible} 判断。"),
            remedy: ahciModeRemedy),
        // mountinfo unreadable and several internal disks: the one judged is a guess.
        "disk.unreadable.root-mount": Entry(
            message: t("Which disk holds \"/\" is not known: {rootMountProblem}. Linux sees several internal disks ({internalDisks}), and B2 is judged on {disk}, the first of them, which may not be the disk Windows runs from.",
                       "无法得知“/”所在磁盘：{rootMountProblem}。而 Linux 能看到多块内置磁盘（{internalDisks}），B2 按其中第一块 {disk} 判断，但它未必是 Windows 所在的磁盘。"),
            remedy: rootMountRemedy),
        // md RAID members on several hot-plug ports (`DetailText.hotPlugMembers` names each with its port).
        "disk.hot-plug.members": Entry(
            message: t("System disks {disk} are on SATA ports that are hot-plug capable or external: {hotPlugMembers}. Windows treats these disks as removable, not in the root container.",
                       "系统盘 {disk} 所连接的 SATA 端口支持热插拔或为外置端口：{hotPlugMembers}。Windows 会把这些磁盘视为可移动设备，不在根容器中。"),
            remedy: t(
                "Reboot and enter BIOS/UEFI setup. In the SATA configuration, disable Hot Plug (also called “Hot Swap” or “External SATA”) for every one of these SATA ports: {ports} (boards that count from 1 call them SATA {portsFromOne}). Save, reboot and run hwcheck again. After imaging, check in Windows Device Manager: each disk → Properties → Details → “In root container” must be True.",
                "重启并进入 BIOS/UEFI 设置，在 SATA 配置中逐一关闭以下 SATA 端口的热插拔功能（Hot Plug，也可能叫 Hot Swap 或 External SATA）：{ports}（从 1 开始编号的主板上为 SATA {portsFromOne}）。保存后重启，再次运行 hwcheck。装机后在 Windows 设备管理器中核对：每块磁盘 → 属性 → 详细信息 → “在根容器中”必须为 True。")),
        "disk.windows-not-recorded": Entry(
            message: t("NVMe system disk {disk} has no namespace identifiers here (sysfs wwid, which every kernel since 4.6 has, nor eui or nguid): the serial Windows sends for it cannot be derived.",
                       "NVMe 系统盘 {disk} 在此没有命名空间标识（sysfs 中没有 wwid（4.6 起的每个内核都有），也没有 eui 或 nguid）：无法推算 Windows 为其上报的序列号。"),
            remedy: recordAgain),
        "disk.no-disk": Entry(
            message: t("No internal physical disk was found.", "未找到内置物理磁盘。"),
            remedy: t(
                "Check that the internal disk is connected and enabled in the BIOS (SATA/NVMe settings), then run hwcheck again.",
                "请确认内置磁盘已连接并在 BIOS 中启用（SATA/NVMe 设置），然后重新运行 hwcheck。")),
        "nic.empty": Entry(
            message: t("Network adapter {nic} has no MAC address.", "网卡 {nic} 没有 MAC 地址。"),
            remedy: nicCheck),
        "nic.absent": Entry(
            message: t("Network adapter {nic} reports no MAC address ({source}).", "网卡 {nic} 未报告 MAC 地址（{source}）。"),
            remedy: nicCheck),
        "nic.placeholder": Entry(
            message: t("The MAC address of {nic} is a placeholder: {value} ({detail}).", "网卡 {nic} 的 MAC 地址是占位值：{value}（{detail}）。"),
            remedy: t(
                "The adapter's address memory (NVM) is blank or generic. Have it programmed with the adapter or board vendor's tool, or use another onboard adapter. On Windows, check with: {query}",
                "网卡的地址存储（NVM）为空或为通用值。请使用网卡或主板厂商的工具写入地址，或改用其他板载网卡。在 Windows 上可用以下命令核对：{query}")),
        "nic.unreadable": Entry(
            message: t("The MAC address of {nic} could not be read: {detail}.", "无法读取网卡 {nic} 的 MAC 地址：{detail}。"),
            remedy: runAsRoot),
        "nic.source-unavailable": Entry(
            message: t("The MAC address of {nic} is not available here: {detail}.", "此处无法获取网卡 {nic} 的 MAC 地址：{detail}。"),
            remedy: t("Run hwcheck on the machine itself, or check on Windows with: {query}", "请在该机器上直接运行 hwcheck，或在 Windows 上用以下命令核对：{query}")),
        "nic.recording-source-unavailable": Entry(
            message: t("This recording has no {missing}: the network adapters and their MAC addresses cannot be told from it.",
                       "该记录中没有 {missing}：无法从中判断网卡及其 MAC 地址。"),
            remedy: recordAgain),
        "nic.no-eligible-nic": Entry(
            message: t("No physical, enabled, internal network adapter was found.", "未找到已启用的内置物理网卡。"),
            remedy: t(
                "Enable the onboard network adapter in the BIOS and install its driver. USB network adapters do not count.",
                "请在 BIOS 中启用板载网卡并安装驱动。USB 网卡不计入。")),
        "nic.nic-removable": Entry(
            message: t("Network adapters {removableNICs} are removable (USB or external) and do not count.",
                       "网卡 {removableNICs} 是可移动设备（USB 或外置），不计入。"),
            remedy: t(
                "Use an onboard or internal (PCIe, M.2) adapter instead of a USB adapter.",
                "请使用板载或内置（PCIe、M.2）网卡，而不是 USB 网卡。")),
        "nic.nic-hot-plug-slot": Entry(
            message: t("Network adapters {hotPlugNICs} sit in a hot-plug-capable PCIe slot (bridge {hotPlugBridges}): Windows lists them under Safely Remove Hardware, not in the root container, so they do not count.",
                       "网卡 {hotPlugNICs} 位于支持热插拔的 PCIe 插槽中（桥 {hotPlugBridges}）：Windows 会把它们列在“安全删除硬件”中，不在根容器中，因此不计入。"),
            remedy: t(
                "Reboot into BIOS/UEFI setup and disable PCIe hot-plug (“Hot Plug”, “PCIe Hot-Plug”) on the root port of that slot (bridge {hotPlugBridges}), or move the adapter to a slot without hot-plug, or use the onboard adapter. Save, reboot and run hwcheck again. After imaging, check in Windows Device Manager: the adapter → Properties → Details → “In root container” must be True.",
                "重启进入 BIOS/UEFI 设置，在该插槽所在的根端口（桥 {hotPlugBridges}）上关闭 PCIe 热插拔（Hot Plug / PCIe Hot-Plug），或将网卡移到不支持热插拔的插槽，或改用板载网卡。保存后重启，再次运行 hwcheck。装机后在 Windows 设备管理器中核对：该网卡 → 属性 → 详细信息 → “在根容器中”必须为 True。")),
        "nic.hot-plug-unknown": Entry(
            message: t("Whether network adapter {nic} sits in a hot-plug-capable PCIe slot could not be read: {hotPlugDetail}.",
                       "无法读取网卡 {nic} 是否位于支持热插拔的 PCIe 插槽中：{hotPlugDetail}。"),
            remedy: hotPlugUnknownRemedy),
        "nic.nic-disabled": Entry(
            message: t("Network adapters {disabledNICs} are disabled (the radio is blocked).",
                       "网卡 {disabledNICs} 已禁用（无线被屏蔽）。"),
            remedy: t(
                "Enable the adapter in the BIOS, install its driver, or unblock the radio (rfkill unblock all), then run hwcheck again.",
                "请在 BIOS 中启用该网卡、安装驱动或解除无线屏蔽（rfkill unblock all），然后重新运行 hwcheck。")),

        "note.windows-value-uncertain": Entry(
            message: t("The kernel shows no EUI-64 and no NGUID for NVMe disk {disk} (its wwid starts with \"nvme.\" or \"uuid.\"): the drive has none (NVMe 1.0), or the kernel ignores them as bogus (NVME_QUIRK_BOGUS_NID: every unit of some models shares one id, which Windows still sends). So what Windows sends as its serial is uncertain: that shared id, the controller serial in some form, or an all-zero 0000_0000_0000_0000.",
                       "内核没有显示 NVMe 磁盘 {disk} 的 EUI-64 和 NGUID（其 wwid 以“nvme.”或“uuid.”开头）：该硬盘没有这些标识（NVMe 1.0），或内核将其视为无效而忽略（NVME_QUIRK_BOGUS_NID：某些型号的所有硬盘共用同一个标识，而 Windows 仍会上报它）。因此 Windows 上报的序列号无法确定：可能是该共用标识、某种形式的控制器序列号，或全零的 0000_0000_0000_0000。"),
            remedy: t("Check on Windows with: wmic diskdrive get SerialNumber (or Get-PhysicalDisk | Select SerialNumber). If it is all zeros, the server will reject the disk.",
                      "请在 Windows 上用以下命令核对：wmic diskdrive get SerialNumber（或 Get-PhysicalDisk | Select SerialNumber）。如果为全零，服务器将拒绝该磁盘。")),
        "note.nvme-controller-serial": Entry(
            message: t("The controller serial of NVMe disk {disk} is junk (\"{serial}\"), but Windows' own NVMe driver sends the namespace identifier {windowsValue} instead, so B2 is judged on that.",
                       "NVMe 磁盘 {disk} 的控制器序列号无效（“{serial}”），但 Windows 自带的 NVMe 驱动上报的是命名空间标识 {windowsValue}，因此 B2 按该值判断。"),
            remedy: nvmeControllerSerialRemedy),
        "note.nvme-controller-serial.empty": Entry(
            message: t("NVMe disk {disk} reports no controller serial, but Windows' own NVMe driver sends the namespace identifier {windowsValue} instead, so B2 is judged on that.",
                       "NVMe 磁盘 {disk} 没有控制器序列号，但 Windows 自带的 NVMe 驱动上报的是命名空间标识 {windowsValue}，因此 B2 按该值判断。"),
            remedy: nvmeControllerSerialRemedy),
        "note.needs-root": Entry(
            message: t("Not running as root: {fields} could not be read.", "未以 root 身份运行：无法读取 {fields}。"),
            remedy: t("Run as root (sudo hwcheck) to read them: root also reads the PCIe slot hot-plug bits (and the SATA port registers where the kernel does not export them).",
                      "请以 root 身份运行（sudo hwcheck）以读取这些值；root 还可以读取 PCIe 插槽的热插拔位（以及内核未导出的 SATA 端口寄存器）。")),
        "note.no-dmi": Entry(
            message: t("This machine exposes no DMI/SMBIOS table to Linux.", "本机未向 Linux 提供 DMI/SMBIOS 表。"),
            remedy: t("On a virtual machine, set SMBIOS values in the hypervisor; on a device-tree board the spec cannot be met as written.",
                      "若为虚拟机，请在虚拟化平台中设置 SMBIOS 值；设备树（device-tree）主板无法按现有规范满足要求。")),
        "note.device-tree-board": Entry(
            message: t("This board has no SMBIOS table: B1 comes from the device-tree serial-number; a baseboard serial (B3) and a host id cannot exist here.",
                       "该主板没有 SMBIOS 表：B1 取自设备树（device-tree）的 serial-number；此类主板不可能提供主板序列号（B3）和主机标识。"),
            remedy: t("The spec cannot be met as written on this hardware: ask the activation server's owner for a mapping for device-tree boards.",
                      "此类硬件无法按现有规范满足要求：请联系激活服务器管理方，为设备树主板提供适用的字段映射。")),
        "note.system-disk-members": Entry(
            message: t("\"/\" spans the disks {members} (md RAID or a volume over several disks): B2 judges each of them.",
                       "“/”跨越多块磁盘 {members}（md RAID 或跨盘卷）：B2 逐一检查每块磁盘。"),
            remedy: t("Every member must pass; replace or fix the ones reported.", "每块成员盘都必须通过；请更换或修复报告中的磁盘。")),
        "note.serial-shared": Entry(
            message: t("The system serial and the baseboard serial are the same value ({value}). This is legal.",
                       "系统序列号与主板序列号相同（{value}）。这是允许的。"),
            remedy: t("Nothing to do, unless the activation server requires them to differ.", "无需处理，除非激活服务器要求两者不同。")),
        "note.nic-admin-down": Entry(
            message: t("Network adapter {nic} is administratively down. It still counts for B4.", "网卡 {nic} 当前处于关闭（down）状态，但仍计入 B4。"),
            remedy: t("Nothing to do for activation; bring it up (ip link set {nic} up) if it should carry traffic.",
                      "激活无需处理；如需使用该网卡，请启用它（ip link set {nic} up）。")),
        "note.hypervisor-mac": Entry(
            message: t("B4 is a hypervisor adapter ({nic}): its address is assigned by the hypervisor, so it is unique only if the hypervisor keeps it so.",
                       "B4 来自虚拟化网卡（{nic}）：其地址由虚拟化平台分配，只有平台保证时才唯一。"),
            remedy: t("Pin a unique MAC address in the VM's configuration.", "请在虚拟机配置中固定一个唯一的 MAC 地址。")),
        "note.no-udev-database": Entry(
            message: t("There is no udev database (/run/udev/data): disk serials come from sysfs only.",
                       "没有 udev 数据库（/run/udev/data）：磁盘序列号仅来自 sysfs。"),
            remedy: t("Run hwcheck on a system where systemd-udevd is running for the full picture.",
                      "如需完整信息，请在运行 systemd-udevd 的系统上运行 hwcheck。")),
        "note.root-on-removable-disk": Entry(
            message: t("\"/\" is on removable disk {disk} (a live USB boot?): B2 uses the first internal disk, {chosen}.",
                       "“/”位于可移动磁盘 {disk} 上（是否从 USB 启动？）：B2 使用第一块内置磁盘 {chosen}。"),
            remedy: fallbackRemedy),
        "note.root-on-removable-disk.no-disk": Entry(
            message: t("\"/\" is on removable disk {disk} (a live USB boot?), and Linux sees no internal disk: the stick is not the disk Windows will run from, so there is no disk to use for B2.",
                       "“/”位于可移动磁盘 {disk} 上（是否从 USB 启动？），且 Linux 看不到任何内置磁盘：该 U 盘不是 Windows 将运行的磁盘，因此没有可用于 B2 的磁盘。"),
            remedy: noDiskRemedy),
        "note.recording-gap": Entry(
            message: t("This recording lacks {missing}, which a running kernel always has: what they would show is unknown here, not missing on the machine.",
                       "该记录缺少 {missing}（运行中的内核总会提供）：此处无法得知其内容，并不表示机器上没有。"),
            remedy: t("Record the machine again with hwcheck bundle (as root), or run hwcheck on the machine itself.",
                      "请在该机器上以 root 身份用 hwcheck bundle 重新记录，或直接在该机器上运行 hwcheck。")),
        "note.hypervisor-disk-serial": Entry(
            message: t("B2 is a virtual disk ({disk}): its serial number is whatever the hypervisor was configured with, so it is unique only if every VM gets its own.",
                       "B2 来自虚拟磁盘（{disk}）：其序列号由虚拟化平台配置决定，只有每台虚拟机各不相同时才唯一。"),
            remedy: t("Give each VM's disk a unique serial in the hypervisor (libvirt: <serial>…</serial> in the disk element; QEMU: serial=… on the disk's -device, e.g. virtio-blk-pci or ide-hd, whose default QM00001 is the same on every VM), not one shared by every clone of an image.",
                      "请在虚拟化平台中为每台虚拟机的磁盘设置唯一序列号（libvirt：在 disk 元素中加入 <serial>…</serial>；QEMU：在磁盘的 -device 上加 serial=…，如 virtio-blk-pci 或 ide-hd，后者默认的 QM00001 在每台虚拟机上都相同），不要让同一镜像的所有克隆共用一个。")),
        "note.root-not-on-disk.no-disk": Entry(
            message: t("\"/\" is on {source} ({filesystem}), not on a physical disk, and there is no internal disk to use for B2.",
                       "“/”位于 {source}（{filesystem}），不在物理磁盘上，且没有可用于 B2 的内置磁盘。"),
            remedy: noDiskRemedy),
        "note.no-root-mount.no-disk": Entry(
            message: t("No \"/\" mount in /proc/self/mountinfo, and there is no internal disk to use for B2.",
                       "/proc/self/mountinfo 中没有“/”挂载，且没有可用于 B2 的内置磁盘。"),
            remedy: noDiskRemedy),
        "note.root-mount-unreadable": Entry(
            message: t("Where \"/\" is mounted is not known: {rootMountProblem}. B2 uses the first internal disk, {chosen}.",
                       "无法得知“/”挂载在何处：{rootMountProblem}。B2 使用第一块内置磁盘 {chosen}。"),
            remedy: rootMountRemedy),
        "note.root-mount-unreadable.no-disk": Entry(
            message: t("Where \"/\" is mounted is not known: {rootMountProblem}. There is no internal disk to use for B2 either.",
                       "无法得知“/”挂载在何处：{rootMountProblem}。也没有可用于 B2 的内置磁盘。"),
            remedy: noDiskRemedy),
        // A disk is in sight, but a controller hides others: B2 is not bound to it (B2's finding says why).
        "note.root-mount-unreadable.hidden-disks": Entry(
            message: t("Where \"/\" is mounted is not known: {rootMountProblem}. A storage controller hides disks from Linux, so B2 is not bound to {chosen}, the first internal disk Linux sees.",
                       "无法得知“/”挂载在何处：{rootMountProblem}。且有存储控制器把磁盘对 Linux 隐藏了，因此 B2 不绑定 Linux 能看到的第一块内置磁盘 {chosen}。"),
            remedy: hiddenBesideRemedy),
        "note.root-on-removable-disk.hidden-disks": Entry(
            message: t("\"/\" is on removable disk {disk} (a live USB boot?), and a storage controller hides disks from Linux: B2 is not bound to {chosen}, the first internal disk Linux sees.",
                       "“/”位于可移动磁盘 {disk} 上（是否从 USB 启动？），且有存储控制器把磁盘对 Linux 隐藏了：B2 不绑定 Linux 能看到的第一块内置磁盘 {chosen}。"),
            remedy: hiddenBesideRemedy),
        "note.root-not-on-disk.hidden-disks": Entry(
            message: t("\"/\" is on {source} ({filesystem}), not on a physical disk, and a storage controller hides disks from Linux: B2 is not bound to {chosen}, the first internal disk Linux sees.",
                       "“/”位于 {source}（{filesystem}），不在物理磁盘上，且有存储控制器把磁盘对 Linux 隐藏了：B2 不绑定 Linux 能看到的第一块内置磁盘 {chosen}。"),
            remedy: hiddenBesideRemedy),
        "note.no-root-mount.hidden-disks": Entry(
            message: t("No \"/\" mount in /proc/self/mountinfo, and a storage controller hides disks from Linux: B2 is not bound to {chosen}, the first internal disk Linux sees.",
                       "/proc/self/mountinfo 中没有“/”挂载，且有存储控制器把磁盘对 Linux 隐藏了：B2 不绑定 Linux 能看到的第一块内置磁盘 {chosen}。"),
            remedy: hiddenBesideRemedy),
        // "/" is on a visible internal disk, which B2 binds; a controller hides further disks.
        "note.hidden-disks-present": Entry(
            message: t("\"/\" is on {disk}, which B2 binds, but storage controller {controller} (PCI class {class}) has no driver here, so further disks behind it cannot be seen.",
                       "“/”位于 {disk}，B2 绑定该磁盘；但存储控制器 {controller}（PCI 类别 {class}）在此没有驱动，其后的其他磁盘因此不可见。"),
            remedy: t("If Windows is installed on a disk behind that controller, B2 must be checked on that disk: boot a system with a driver for it and run hwcheck again.",
                      "如果 Windows 安装在该控制器后的磁盘上，则须检查那块磁盘的 B2：请用带有该控制器驱动的系统启动后重新运行 hwcheck。")),
        "note.hidden-disks-present.rst-remapped-nvme": Entry(
            message: t("\"/\" is on {disk}, which B2 binds, but the SATA controller {controller} reports {count} further NVMe drive(s) hidden behind it by Intel RST (the BIOS storage mode is RAID / Intel RST).",
                       "“/”位于 {disk}，B2 绑定该磁盘；但 SATA 控制器 {controller} 报告另有 {count} 块 NVMe 硬盘被 Intel RST 隐藏在其后（BIOS 存储模式为 RAID / Intel RST）。"),
            remedy: t("If Windows is installed on a hidden NVMe drive, B2 must be checked on that drive, not on {disk}: switch the storage mode to AHCI as B2's hidden-disks remedy says (hwcheck explain hidden-disks) and run hwcheck again.",
                      "如果 Windows 安装在被隐藏的 NVMe 硬盘上，则须检查那块硬盘的 B2，而不是 {disk}：请按 hidden-disks 的处理方法（hwcheck explain hidden-disks）把存储模式改为 AHCI 后重新运行 hwcheck。")),
        "note.hidden-disks-present.vmd-without-driver": Entry(
            message: t("\"/\" is on {disk}, which B2 binds, but Intel VMD controller {controller} is on without the vmd driver, so the NVMe drives behind it cannot be seen.",
                       "“/”位于 {disk}，B2 绑定该磁盘；但 Intel VMD 控制器 {controller} 已开启却没有 vmd 驱动，其后的 NVMe 硬盘因此不可见。"),
            remedy: t("If Windows is installed on an NVMe drive behind VMD, B2 must be checked on that drive, not on {disk}: boot a live system with the vmd driver and run hwcheck again.",
                      "如果 Windows 安装在 VMD 后的 NVMe 硬盘上，则须检查那块硬盘的 B2，而不是 {disk}：请用带有 vmd 驱动的 Live 系统启动后重新运行 hwcheck。")),
        "note.root-not-on-disk": Entry(
            message: t("\"/\" is on {source} ({filesystem}), not on a physical disk: B2 uses the first internal disk, {chosen}.",
                       "“/”位于 {source}（{filesystem}），不在物理磁盘上：B2 使用第一块内置磁盘 {chosen}。"),
            remedy: fallbackRemedy),
        "note.no-root-mount": Entry(
            message: t("No \"/\" mount in /proc/self/mountinfo: B2 uses the first internal disk, {chosen}.",
                       "/proc/self/mountinfo 中没有“/”挂载：B2 使用第一块内置磁盘 {chosen}。"),
            remedy: fallbackRemedy),
        "note.current-mac": Entry(
            message: t("B4 uses the current MAC address of {nic}: the permanent one is not available here.",
                       "B4 使用网卡 {nic} 的当前 MAC 地址：此处无法获取其永久地址。"),
            remedy: t("Run hwcheck live on the machine to read the permanent address.", "请在该机器上直接运行 hwcheck 以读取永久地址。")),
    ]

    public static func entry(_ key: String) -> Entry? { entries[key] }

    public static var keys: [String] { Array(entries.keys) }

    /// Fills `{name}` placeholders; unknown names are left visible rather than silently dropped.
    public static func fill(_ template: String, _ facts: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return result + rest[open...] }
            let name = String(rest[rest.index(after: open)..<close])
            result += facts[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
