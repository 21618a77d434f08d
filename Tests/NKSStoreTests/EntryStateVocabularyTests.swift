// NodeConfigState entries (NKSCore) carry their state as text because NKSCore cannot see
// EntryState; this keeps the two vocabularies, and the CRD's enum built from them, equal.
import NKSCore
import NKSStore
import Testing

@Suite struct EntryStateVocabularyTests {
    @Test func nodeConfigStateStatesAreEntryStateRawValues() {
        #expect(NodeConfigState.states == EntryState.allCases.map(\.rawValue))
    }
}
