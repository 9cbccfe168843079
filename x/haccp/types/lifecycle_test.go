package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/haccp/types"
)

// TestCertificateTransitionTable checks every (from, to) pair of statuses
// against the lifecycle written out independently here.
func TestCertificateTransitionTable(t *testing.T) {
	type edge [2]types.CertificateStatus
	legal := map[edge]bool{
		{types.CertificateStatusActive, types.CertificateStatusSuspended}:  true,
		{types.CertificateStatusSuspended, types.CertificateStatusActive}:  true,
		{types.CertificateStatusActive, types.CertificateStatusRevoked}:    true,
		{types.CertificateStatusSuspended, types.CertificateStatusRevoked}: true,
	}
	require.Len(t, types.CertificateTransitions, len(legal))
	n := int32(len(types.CertificateStatus_name))
	for f := int32(0); f <= n; f++ {
		for to := int32(0); to <= n; to++ {
			from, dst := types.CertificateStatus(f), types.CertificateStatus(to)
			err := types.ValidateCertificateTransition(from, dst)
			if legal[edge{from, dst}] {
				require.NoError(t, err)
				require.True(t, types.CanTransitionCertificate(from, dst))
			} else {
				require.ErrorIs(t, err, types.ErrInvalidTransition)
			}
		}
	}
	err := types.ValidateCertificateTransition(types.CertificateStatusRevoked, types.CertificateStatusActive)
	require.Contains(t, err.Error(), "from REVOKED to ACTIVE")
	// EXPIRED is never stored, so no edge leads to or from it.
	require.Error(t, types.ValidateCertificateTransition(types.CertificateStatusActive, types.CertificateStatusExpired))
	require.Error(t, types.ValidateCertificateTransition(types.CertificateStatusExpired, types.CertificateStatusActive))
}

func TestDeclarationTransitionTable(t *testing.T) {
	type edge [2]types.DeclarationStatus
	legal := map[edge]bool{
		{types.DeclarationStatusDeclared, types.DeclarationStatusInspecting}:  true,
		{types.DeclarationStatusInspecting, types.DeclarationStatusRejected}:  true,
		{types.DeclarationStatusInspecting, types.DeclarationStatusCleared}:   true,
		{types.DeclarationStatusCleared, types.DeclarationStatusRecalled}:     true,
		{types.DeclarationStatusDeclared, types.DeclarationStatusWithdrawn}:   true,
		{types.DeclarationStatusInspecting, types.DeclarationStatusWithdrawn}: true,
	}
	require.Len(t, types.DeclarationTransitions, len(legal))
	n := int32(len(types.DeclarationStatus_name))
	for f := int32(0); f <= n; f++ {
		for to := int32(0); to <= n; to++ {
			from, dst := types.DeclarationStatus(f), types.DeclarationStatus(to)
			err := types.ValidateDeclarationTransition(from, dst)
			if legal[edge{from, dst}] {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, types.ErrInvalidTransition)
			}
		}
	}
	err := types.ValidateDeclarationTransition(types.DeclarationStatusDeclared, types.DeclarationStatusCleared)
	require.Contains(t, err.Error(), "from DECLARED to CLEARED")
}

func TestHygieneCertTransitionTable(t *testing.T) {
	type edge [2]types.HygieneCertStatus
	legal := map[edge]bool{
		{types.HygieneCertStatusReceived, types.HygieneCertStatusVerified}: true,
		{types.HygieneCertStatusReceived, types.HygieneCertStatusRejected}: true,
		{types.HygieneCertStatusVerified, types.HygieneCertStatusUsed}:     true,
	}
	require.Len(t, types.HygieneCertTransitions, len(legal))
	n := int32(len(types.HygieneCertStatus_name))
	for f := int32(0); f <= n; f++ {
		for to := int32(0); to <= n; to++ {
			from, dst := types.HygieneCertStatus(f), types.HygieneCertStatus(to)
			err := types.ValidateHygieneCertTransition(from, dst)
			if legal[edge{from, dst}] {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, types.ErrInvalidTransition)
			}
		}
	}
	err := types.ValidateHygieneCertTransition(types.HygieneCertStatusReceived, types.HygieneCertStatusUsed)
	require.Contains(t, err.Error(), "from RECEIVED to USED")
}
