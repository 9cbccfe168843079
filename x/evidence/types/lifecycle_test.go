package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/evidence/types"
)

// TestTransitionTable checks every (from, to) pair of statuses against the
// lifecycle written out independently here: exactly these 12 edges are legal.
func TestTransitionTable(t *testing.T) {
	S := func(s types.EvidenceStatus) types.EvidenceStatus { return s }
	legal := map[[2]types.EvidenceStatus]bool{
		{S(types.EvidenceStatusRegistered), S(types.EvidenceStatusInCustody)}:      true,
		{S(types.EvidenceStatusInCustody), S(types.EvidenceStatusTransferPending)}: true,
		{S(types.EvidenceStatusTransferPending), S(types.EvidenceStatusInCustody)}: true,
		{S(types.EvidenceStatusInCustody), S(types.EvidenceStatusInAnalysis)}:      true,
		{S(types.EvidenceStatusInAnalysis), S(types.EvidenceStatusAnalyzed)}:       true,
		{S(types.EvidenceStatusAnalyzed), S(types.EvidenceStatusSubmitted)}:        true,
		{S(types.EvidenceStatusSubmitted), S(types.EvidenceStatusAdmitted)}:        true,
		{S(types.EvidenceStatusSubmitted), S(types.EvidenceStatusExcluded)}:        true,
		{S(types.EvidenceStatusAdmitted), S(types.EvidenceStatusArchived)}:         true,
		{S(types.EvidenceStatusExcluded), S(types.EvidenceStatusArchived)}:         true,
		{S(types.EvidenceStatusArchived), S(types.EvidenceStatusDisposed)}:         true,
		{S(types.EvidenceStatusArchived), S(types.EvidenceStatusReturned)}:         true,
	}
	require.Len(t, types.Transitions, len(legal))
	n := int32(len(types.EvidenceStatus_name))
	for from := int32(-1); from <= n; from++ {
		for to := int32(-1); to <= n; to++ {
			f, g := types.EvidenceStatus(from), types.EvidenceStatus(to)
			want := legal[[2]types.EvidenceStatus{f, g}]
			require.Equal(t, want, types.CanTransition(f, g), "%s -> %s", f, g)
			err := types.ValidateTransition(f, g)
			if want {
				require.NoError(t, err)
				continue
			}
			require.ErrorIs(t, err, types.ErrInvalidTransition)
		}
	}
	// The error names the current and the requested state.
	err := types.ValidateTransition(types.EvidenceStatusRegistered, types.EvidenceStatusSubmitted)
	require.ErrorContains(t, err, "from REGISTERED to SUBMITTED")
}

func TestTerminalStatuses(t *testing.T) {
	for _, s := range []types.EvidenceStatus{types.EvidenceStatusDisposed, types.EvidenceStatusReturned} {
		for to := range types.EvidenceStatus_name {
			require.False(t, types.CanTransition(s, types.EvidenceStatus(to)), "%s is terminal", s)
		}
	}
}

func TestCaseTransition(t *testing.T) {
	require.NoError(t, types.ValidateCaseTransition(types.CaseStatusOpen, types.CaseStatusClosed))
	err := types.ValidateCaseTransition(types.CaseStatusClosed, types.CaseStatusClosed)
	require.ErrorIs(t, err, types.ErrInvalidTransition)
	require.ErrorContains(t, err, "from CLOSED to CLOSED")
	require.ErrorIs(t, types.ValidateCaseTransition(types.CaseStatusClosed, types.CaseStatusOpen), types.ErrInvalidTransition)
}

func TestCourtDecisionStatus(t *testing.T) {
	s, err := types.CourtDecisionAdmitted.Status()
	require.NoError(t, err)
	require.Equal(t, types.EvidenceStatusAdmitted, s)
	s, err = types.CourtDecisionExcluded.Status()
	require.NoError(t, err)
	require.Equal(t, types.EvidenceStatusExcluded, s)
	_, err = types.CourtDecisionUnspecified.Status()
	require.ErrorIs(t, err, types.ErrInvalidDecision)
}

func TestRolesAreValidCatalogEntries(t *testing.T) {
	roles := types.Roles()
	require.Len(t, roles, len(types.EvidenceRoles))
	for i, r := range roles {
		require.NoError(t, r.Validate())
		require.Equal(t, types.ModuleName, r.Module)
		require.Equal(t, types.EvidenceRoles[i], r.Name)
	}
}

func TestParamsValidate(t *testing.T) {
	require.NoError(t, types.DefaultParams().Validate())
	for _, p := range []types.Params{
		{MaxItemsPerCase: 0, MaxDerivationDepth: 1},
		{MaxItemsPerCase: types.MaxMaxItemsPerCase + 1, MaxDerivationDepth: 1},
		{MaxItemsPerCase: 1, MaxDerivationDepth: 0},
		{MaxItemsPerCase: 1, MaxDerivationDepth: types.MaxMaxDerivationDepth + 1},
		{MaxItemsPerCase: 1, MaxDerivationDepth: 1, MaxIntegrityChecksPerItem: 0},
		{MaxItemsPerCase: 1, MaxDerivationDepth: 1, MaxIntegrityChecksPerItem: types.MaxMaxIntegrityChecksPerItem + 1},
	} {
		if p.MaxIntegrityChecksPerItem == 0 && p.MaxItemsPerCase != 1 {
			p.MaxIntegrityChecksPerItem = 1 // fail on the field the case is about
		}
		require.ErrorIs(t, p.Validate(), types.ErrInvalidParams, "%+v", p)
	}
	require.NoError(t, types.Params{MaxItemsPerCase: types.MaxMaxItemsPerCase, MaxDerivationDepth: types.MaxMaxDerivationDepth,
		MaxIntegrityChecksPerItem: types.MaxMaxIntegrityChecksPerItem}.Validate())
}
