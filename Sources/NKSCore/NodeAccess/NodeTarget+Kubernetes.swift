// Turns a Kubernetes Node into the address a transport connects to, as chosen by
// --address-type, so every plugin reaches nodes the same way.
extension NodeTarget {
    /// nil when the node does not report an address of that type.
    public init?(_ node: Node, addressType: NodeAddressType) {
        let kind: Node.AddressType
        switch addressType {
        case .internalIP: kind = .internalIP
        case .externalIP: kind = .externalIP
        case .hostname: kind = .hostname
        }
        guard let address = node.address(of: kind), !address.isEmpty else { return nil }
        self.init(name: node.metadata.name, address: address, uid: node.metadata.uid)
    }
}
