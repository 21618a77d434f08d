import Testing
@testable import NKSStore

@Suite struct KernelArgumentsTests {
    let nokmem = KernelArgumentsSpec(present: ["cgroup.memory=nokmem"])

    @Test(arguments: [
        // CentOS 7 image, as in the seed: the token is appended inside the same quotes.
        ("GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"crashkernel=auto rhgb quiet\"\nGRUB_DISABLE_RECOVERY=\"true\"\n",
         "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"crashkernel=auto rhgb quiet cgroup.memory=nokmem\"\nGRUB_DISABLE_RECOVERY=\"true\"\n"),
        // single quotes stay single quotes
        ("GRUB_CMDLINE_LINUX='console=tty0'\n", "GRUB_CMDLINE_LINUX='console=tty0 cgroup.memory=nokmem'\n"),
        // an unquoted value gains quotes once it has a space
        ("GRUB_CMDLINE_LINUX=quiet\n", "GRUB_CMDLINE_LINUX=\"quiet cgroup.memory=nokmem\"\n"),
        // empty value
        ("GRUB_CMDLINE_LINUX=\"\"\n", "GRUB_CMDLINE_LINUX=\"cgroup.memory=nokmem\"\n"),
        // comments and commented-out assignments are left alone; the active one is edited
        ("# GRUB_CMDLINE_LINUX=\"old\"\nGRUB_CMDLINE_LINUX=\"quiet\" # keep me\n",
         "# GRUB_CMDLINE_LINUX=\"old\"\nGRUB_CMDLINE_LINUX=\"quiet cgroup.memory=nokmem\" # keep me\n"),
        // already there: nothing changes, byte for byte (no trailing newline either)
        ("GRUB_CMDLINE_LINUX=\"quiet  cgroup.memory=nokmem\"", "GRUB_CMDLINE_LINUX=\"quiet  cgroup.memory=nokmem\""),
        // a later self-referencing assignment: only the last one is extended
        ("GRUB_CMDLINE_LINUX=\"quiet\"\nGRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX splash\"\n",
         "GRUB_CMDLINE_LINUX=\"quiet\"\nGRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX splash cgroup.memory=nokmem\"\n"),
        // the same key with another value is replaced in place
        ("GRUB_CMDLINE_LINUX=\"cgroup.memory=nosocket quiet\"\n", "GRUB_CMDLINE_LINUX=\"cgroup.memory=nokmem quiet\"\n"),
        // no assignment at all: one is added
        ("GRUB_TIMEOUT=5\n", "GRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX=\"cgroup.memory=nokmem\"\n"),
        // export and indentation are kept
        ("  export GRUB_CMDLINE_LINUX=\"a\"\n", "  export GRUB_CMDLINE_LINUX=\"a cgroup.memory=nokmem\"\n"),
    ])
    func addsTheArgumentKeepingEverythingElse(grub: String, expected: String) {
        #expect(KernelArguments.render(grub, nokmem) == expected)
        #expect(KernelArguments.unmet(KernelArguments.configuredTokens(expected), nokmem).missing.isEmpty)
    }

    @Test func removesAbsentArgumentsByKeyOrExactValue() {
        let spec = KernelArgumentsSpec(present: [], absent: ["rhgb", "console=ttyS0"])
        let grub = "GRUB_CMDLINE_LINUX=\"rhgb=1 console=tty0 console=ttyS0 quiet\"\n"
        #expect(KernelArguments.render(grub, spec) == "GRUB_CMDLINE_LINUX=\"console=tty0 quiet\"\n")
    }

    @Test func escapedQuotesInsideDoubleQuotesSurvive() {
        let grub = #"GRUB_CMDLINE_LINUX="a=\"b c\" quiet""# + "\n"
        let rendered = KernelArguments.render(grub, nokmem)
        #expect(rendered.contains("cgroup.memory=nokmem"))
        #expect(rendered.hasPrefix(#"GRUB_CMDLINE_LINUX="a=\"b"#))
    }

    @Test func comparesWithTheRunningKernel() {
        let cmdline = "BOOT_IMAGE=/vmlinuz-3.10.0 root=/dev/mapper/centos-root ro crashkernel=auto rhgb quiet\n"
        let unmet = KernelArguments.unmet(KernelArguments.cmdlineTokens(cmdline), KernelArgumentsSpec(present: ["cgroup.memory=nokmem"], absent: ["rhgb"]))
        #expect(unmet.missing == ["cgroup.memory=nokmem"])
        #expect(unmet.unwanted == ["rhgb"])
    }
}
