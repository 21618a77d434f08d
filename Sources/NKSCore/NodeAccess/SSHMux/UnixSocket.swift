// The few POSIX calls the multiplexing client needs: a connected unix socket, socket pairs
// for a session's stdin, stdout and stderr, and a descriptor sent as SCM_RIGHTS (one byte
// of data with it, as OpenSSH's mm_send_fd does).
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

enum UnixSocket {
    static func connect(to path: String) throws(SSHMuxError) -> Int32 {
        var address = sockaddr_un()
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw .notStarted("the control socket path \(path) is longer than a unix socket allows")
        }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        #if canImport(Darwin)
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #endif
        guard fd >= 0 else { throw .notStarted("cannot create a unix socket: \(errorText())") }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                systemConnect(fd, socketAddress, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let reason = errorText()
            close(fd)
            throw .notStarted("no control master answers on \(path): \(reason)")
        }
        return fd
    }

    /// A connected pair standing in for a pipe (read end, write end). A socket pair is
    /// created close-on-exec in one call, which pipe(2) is not, so a process another task
    /// starts at that moment cannot inherit an end and hold the stream open.
    static func streamPair() throws(SSHMuxError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        #if canImport(Darwin)
        guard socketpair(AF_UNIX, SOCK_STREAM, 0, &ends) == 0 else { throw .notStarted("cannot create a socket pair: \(errorText())") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        #else
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw .notStarted("cannot create a socket pair: \(errorText())")
        }
        #endif
        return (ends[0], ends[1])
    }

    static func setNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    /// Sends `descriptor` over the socket with a single zero byte, retrying while the socket
    /// is full.
    static func send(descriptor: Int32, over socket: Int32, waiting: (Int32, Int16) throws -> Void) throws {
        #if canImport(Darwin)
        let alignment = 4
        #else
        let alignment = MemoryLayout<Int>.size
        #endif
        func aligned(_ size: Int) -> Int { (size + alignment - 1) & ~(alignment - 1) }
        let headerSize = aligned(MemoryLayout<cmsghdr>.size)
        let space = headerSize + aligned(MemoryLayout<Int32>.size)
        var control = [UInt8](repeating: 0, count: space)
        var byte: UInt8 = 0
        while true {
            let sent = control.withUnsafeMutableBytes { controlBytes -> Int in
                let header = controlBytes.baseAddress!.assumingMemoryBound(to: cmsghdr.self)
                header.pointee.cmsg_len = numericCast(headerSize + MemoryLayout<Int32>.size)
                header.pointee.cmsg_level = SOL_SOCKET
                header.pointee.cmsg_type = Int32(SCM_RIGHTS)
                controlBytes.storeBytes(of: descriptor, toByteOffset: headerSize, as: Int32.self)
                return withUnsafeMutablePointer(to: &byte) { bytePointer in
                    var vector = iovec(iov_base: UnsafeMutableRawPointer(bytePointer), iov_len: 1)
                    return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                        var message = msghdr()
                        message.msg_iov = vectorPointer
                        message.msg_iovlen = 1
                        message.msg_control = controlBytes.baseAddress
                        message.msg_controllen = numericCast(space)
                        return sendmsg(socket, &message, noSignal)
                    }
                }
            }
            if sent == 1 { return }
            guard sent < 0, errno == EAGAIN || errno == EINTR else {
                throw SSHMuxError.notStarted("cannot hand the session's streams to the control master: \(errorText())")
            }
            try waiting(socket, Int16(POLLOUT))
        }
    }

    #if canImport(Darwin)
    static let noSignal: Int32 = 0
    #else
    static let noSignal = Int32(MSG_NOSIGNAL)
    #endif

    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}

private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
