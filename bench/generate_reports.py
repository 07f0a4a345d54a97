#!/usr/bin/env python3
"""Synthetic hwcheck reports for benchmarks: compact JSON lines shaped like `hwcheck --json --compact
--timestamp` (same keys, same order, the messages and inventory a real report carries, ~3 KB each).

Rates per report, chosen to look like a real office fleet: 2% are a second report of an earlier device
(newer collectedAt), 1% placeholder firmware (B1/B3 "To Be Filled By O.E.M.", a placeholder UUID), 3% an
empty disk serial, 1% an empty board serial, 0.3% a disk serial shared with another device (cloned image
with a cloned disk), 0.2% a MAC shared with another device (a docking-station NIC).

usage: generate_reports.py COUNT [SEED] > reports.jsonl
"""
import json
import random
import sys

PLACEHOLDER_SERIAL = "To Be Filled By O.E.M."
PLACEHOLDER_UUID = "03000200-0400-0500-0006-000700080009"
TITLES = {"B1": "BIOS/system serial number", "B2": "System disk serial number",
          "B3": "Baseboard serial number", "B4": "Network adapter MAC address"}
QUERIES = {"B1": "wmic bios get SerialNumber", "B2": "wmic diskdrive get SerialNumber",
           "B3": "wmic baseboard get SerialNumber", "B4": "wmic nicconfig get MACAddress"}


def field(state, value, source):
    return {"detail": None, "raw": None, "source": source, "state": state, "value": value}


def check(row, status, reasons, value, subject, source):
    findings = [{"message": f"{TITLES[row]} is {r}.", "reason": r, "remedy": f"Fix {row} ({r}) in firmware or hardware."}
                for r in reasons]
    return {"findings": findings, "id": row,
            "message": " ".join(f["message"] for f in findings) or f"{TITLES[row]}: {value}",
            "reasons": reasons, "remedy": " ".join(f["remedy"] for f in findings) or None,
            "source": source, "status": status, "subject": subject, "title": TITLES[row], "value": value,
            "windowsQuery": QUERIES[row]}


def report(device, day):
    b1, b2, b3, b4, uuid, placeholder = device
    checks = []
    verdict = "compliant"
    for row, value, source, subject in (("B1", b1, "sys/class/dmi/id/product_serial", None),
                                        ("B2", b2, "udev:ID_SERIAL_SHORT", "sda"),
                                        ("B3", b3, "sys/class/dmi/id/board_serial", None),
                                        ("B4", b4, "sys/class/net/eno1/address", "eno1")):
        if value is None:
            checks.append(check(row, "fail", ["empty"], None, subject, source))
            verdict = "non-compliant"
        elif placeholder and row in ("B1", "B3"):
            checks.append(check(row, "fail", ["placeholder"], value, subject, source))
            verdict = "non-compliant"
        else:
            checks.append(check(row, "pass", [], value, subject, source))
    uuid_state = "placeholder" if placeholder else "value"
    dmi = {"available": True, "fields": {
        "bios_vendor": field("value", "American Megatrends Inc.", "sys/class/dmi/id/bios_vendor"),
        "board_serial": field("placeholder" if placeholder else ("value" if b3 else "empty"), b3, "sys/class/dmi/id/board_serial"),
        "product_serial": field("placeholder" if placeholder else "value", b1, "sys/class/dmi/id/product_serial"),
        "product_uuid": field(uuid_state, uuid, "sys/class/dmi/id/product_uuid"),
        "sys_vendor": field("value", "Dell Inc.", "sys/class/dmi/id/sys_vendor"),
    }}
    disks = [{"model": field("value", "ST1000DM010-2EP1", "sys/block/sda/device/model"), "name": "sda",
              "removableMedia": False, "removableVia": None,
              "serial": field("value" if b2 else "empty", b2, "udev:ID_SERIAL_SHORT"), "sizeBytes": 1000204886016,
              "sysfsPath": "sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda",
              "transport": "sata", "udevInitialized": True}]
    nics = [{"address": field("value", b4, "sys/class/net/eno1/address"), "bus": "pci", "driver": "e1000e",
             "name": "eno1", "onboard": True, "pciAddress": "0000:00:1f.6", "physical": True,
             "permanentAddress": field("value", b4, "ethtool:ETHTOOL_GPERMADDR"), "vendorName": "Intel Corporation"}]
    return {"binding": {"B1": b1, "B2": b2, "B3": b3, "B4": b4}, "checks": checks,
            "collectedAt": f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T09:00:00Z", "hostId": uuid,
            "inventory": {"disks": disks, "dmi": dmi, "nics": nics, "systemDisk": {"disk": "sda", "method": "root-mount"},
                          "udevDatabase": True},
            "notes": [], "schemaVersion": 1, "spec": {"name": "DeviceBinding", "version": "1"},
            "tool": {"name": "hwcheck", "version": "0.1.0"}, "verdict": verdict}


def main():
    count = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    devices = []
    out = sys.stdout
    for index in range(count):
        if devices and rng.random() < 0.02:
            device = rng.choice(devices)
            out.write(json.dumps(report(device, 100 + index % 200), separators=(",", ":")) + "\n")
            continue
        n = len(devices)
        placeholder = rng.random() < 0.01
        uuid = PLACEHOLDER_UUID if placeholder else "%08x-%04x-%04x-%04x-%012x" % (
            n, rng.getrandbits(16), 0x4000 | rng.getrandbits(12), 0x8000 | rng.getrandbits(14), rng.getrandbits(48))
        b1 = PLACEHOLDER_SERIAL if placeholder else "SN%08dX%03d" % (n, rng.getrandbits(9))
        b3 = PLACEHOLDER_SERIAL if placeholder else (None if rng.random() < 0.01 else "/%07d/CNFCW%06d/" % (n, n % 999983))
        if rng.random() < 0.03:
            b2 = None
        elif devices and rng.random() < 0.003:
            b2 = rng.choice(devices)[1] or "WD-WCC%08d" % n
        else:
            b2 = "WD-WCC%08d" % n
        if devices and rng.random() < 0.002:
            b4 = rng.choice(devices)[3]
        else:
            b4 = ":".join("%02x" % b for b in [0x3c, 0xec, 0xef, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff])
        device = (b1, b2, b3, b4, uuid, placeholder)
        devices.append(device)
        out.write(json.dumps(report(device, index % 100), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
