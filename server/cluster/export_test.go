package cluster

// ClaimCode exposes claimCode to the external tests: a code another room
// of any process has must be refused.
func (d *Directory) ClaimCode(code string) (bool, error) { return d.claimCode(code) }
