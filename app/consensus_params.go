package app

import cmttypes "github.com/cometbft/cometbft/types"

// DefaultBlockMaxGas is the block gas limit (consensus params block.max_gas)
// that `civicd init` writes into a new genesis. CometBFT's default is -1
// (unlimited); a finite limit bounds the work of one block, and the ante
// handler rejects a transaction whose gas limit exceeds it (ErrInvalidGasLimit,
// sdk code 41). Governance can change it with x/consensus MsgUpdateParams.
const DefaultBlockMaxGas int64 = 100_000_000

// DefaultConsensusParams are CometBFT's defaults with civic's block gas limit.
func DefaultConsensusParams() *cmttypes.ConsensusParams {
	p := cmttypes.DefaultConsensusParams()
	p.Block.MaxGas = DefaultBlockMaxGas
	return p
}
