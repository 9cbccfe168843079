package types

// EnrolmentCounter is the counter of t that counts enrolments of status s
// (nil for UNSPECIFIED).
func (t *Totals) EnrolmentCounter(s EnrolmentStatus) *uint64 {
	switch s {
	case EnrolmentStatusPending:
		return &t.EnrolmentsPending
	case EnrolmentStatusEnrolled:
		return &t.EnrolmentsEnrolled
	case EnrolmentStatusPaused:
		return &t.EnrolmentsPaused
	case EnrolmentStatusExited:
		return &t.EnrolmentsExited
	case EnrolmentStatusNotEligible:
		return &t.EnrolmentsNotEligible
	case EnrolmentStatusDuplicated:
		return &t.EnrolmentsDuplicated
	}
	return nil
}

// EntitlementCounter is the counter of t that counts entitlements of stored
// status s (nil for UNSPECIFIED).
func (t *Totals) EntitlementCounter(s EntitlementStatus) *uint64 {
	switch s {
	case EntitlementStatusOffered:
		return &t.EntitlementsOffered
	case EntitlementStatusAccepted:
		return &t.EntitlementsAccepted
	case EntitlementStatusActive:
		return &t.EntitlementsActive
	case EntitlementStatusSuspended:
		return &t.EntitlementsSuspended
	case EntitlementStatusEnded:
		return &t.EntitlementsEnded
	case EntitlementStatusDeclined:
		return &t.EntitlementsDeclined
	}
	return nil
}

// move takes one from the counter of from (if any) and adds one to that of to.
func move(from, to *uint64) {
	if from != nil && *from > 0 {
		*from--
	}
	if to != nil {
		*to++
	}
}

// MoveEnrolment counts an enrolment that goes from one status to another
// (from UNSPECIFIED: a new enrolment).
func (t *Totals) MoveEnrolment(from, to EnrolmentStatus) {
	move(t.EnrolmentCounter(from), t.EnrolmentCounter(to))
}

// MoveEntitlement counts an entitlement that goes from one stored status to
// another (from UNSPECIFIED: a new entitlement).
func (t *Totals) MoveEntitlement(from, to EntitlementStatus) {
	move(t.EntitlementCounter(from), t.EntitlementCounter(to))
}
