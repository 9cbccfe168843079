package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
)

// AgencyKeeper is what this module needs of x/agency: whether an account may
// act in a role and for which agency, an agency's status (a sensor's readings
// stop while its agency is not ACTIVE), and whether an account belongs to an
// agency at all (a sensor key must not).
type AgencyKeeper interface {
	Authorize(ctx context.Context, addr sdk.AccAddress, role string) (string, error)
	GetAgency(ctx context.Context, id string) (agencytypes.Agency, error)
	Affiliation(ctx context.Context, addr sdk.AccAddress) (string, error)
}

// DisasterKeeper is what this module needs of x/disaster: an incident, whether
// it covers a district, and the incidents covering a district (bounded).
type DisasterKeeper interface {
	GetIncident(ctx context.Context, id uint64) (disastertypes.Incident, error)
	CoversDistrict(ctx context.Context, id uint64, district string) (bool, error)
	IncidentsCoveringDistrict(ctx context.Context, district string, limit int) ([]disastertypes.Incident, error)
}
