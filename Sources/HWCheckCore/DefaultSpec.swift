/// The DeviceBinding spec shipped with hwcheck, printed by `hwcheck spec`. It is data: a file in the same
/// format given with `--spec FILE` replaces it whole. The placeholder lists start from the values named in
/// the activation-server incident and the common firmware defaults (GLPI, OCS Inventory, systemd hwdb).
let defaultSpecJSON = #"""
{
  "specVersion": 1,
  "name": "DeviceBinding",
  "version": "1",
  "rows": [
    {
      "id": "B1",
      "title": { "en": "BIOS/system serial number", "zh": "BIOS/系统序列号" },
      "source": "dmi.product_serial",
      "requirements": ["not-empty", "not-placeholder"],
      "windowsQuery": "wmic bios get SerialNumber"
    },
    {
      "id": "B2",
      "title": { "en": "System disk serial number", "zh": "系统盘序列号" },
      "source": "disk.system.serial",
      "requirements": ["not-empty", "not-placeholder", "not-removable"],
      "windowsQuery": "wmic diskdrive get SerialNumber"
    },
    {
      "id": "B3",
      "title": { "en": "Baseboard serial number", "zh": "主板序列号" },
      "source": "dmi.board_serial",
      "requirements": ["not-empty", "not-placeholder"],
      "windowsQuery": "wmic baseboard get SerialNumber"
    },
    {
      "id": "B4",
      "title": { "en": "MAC address of a physical network adapter", "zh": "物理网卡 MAC 地址" },
      "source": "nic.primary.mac",
      "requirements": ["not-empty", "not-placeholder", "not-removable", "enabled"],
      "windowsQuery": "wmic nicconfig get MACAddress"
    }
  ],
  "placeholders": {
    "rules": ["repeated-character", "digit-run"],
    "serial": [
      "To Be Filled By O.E.M.", "To Be Filled By O.E.M", "Default string", "System Serial Number",
      "Base Board Serial Number", "Chassis Serial Number", "Not Specified", "Not Applicable", "Not Available",
      "None", "N/A", "NA", "Unknown", "Unknow", "Invalid", "Empty", "(null string)", "OEM_Serial",
      "Serial Number", "SerialNumber", "SystemSerialNumb", "System serial number", "Type2 - Board Serial Number",
      "0", "-1", "0123456789", "123456789", "1234567890", "12345678", "1234567", "123456",
      "SN-12345", "SN-1234567890", "SYS-1234567890", "SYS-9876543210", "MB-1234567890", "EVAL"
    ],
    "uuid": [
      "00000000-0000-0000-0000-000000000000",
      "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
      "03000200-0400-0500-0006-000700080009",
      "01010101-0101-0101-0101-010101010101",
      "6AB5B300-538D-1014-9FB5-B0684D007B53"
    ],
    "mac": [
      "00:00:00:00:00:00", "FF:FF:FF:FF:FF:FF", "88:88:88:88:87:88", "FE:FF:FF:FF:FF:FF", "00:0b:ca:fe:00:00"
    ]
  }
}
"""#
