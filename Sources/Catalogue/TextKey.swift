/// The name of every human text in the catalogue. Add a case here and its text in
/// `EnglishTexts.swift` and `ChineseTexts.swift` (the test fails until both have it).
/// Grouped by the command or page that prints it; `common.*` is shared.
public enum TextKey: String, Sendable, CaseIterable {
    // Shared
    case configInvalid = "common.config_invalid"
    case fileError = "common.file_error"
    case exercise = "common.exercise"
    case none = "common.none"
    case overdue = "common.overdue"

    // States, as people read them (the JSON keeps the raw values)
    case incidentActive = "state.incident.active"
    case incidentLifted = "state.incident.lifted"
    case incidentClosed = "state.incident.closed"
    case orderIssued = "state.order.issued"
    case orderEscalated = "state.order.escalated"
    case orderAccepted = "state.order.accepted"
    case orderArrived = "state.order.arrived"
    case orderCompleted = "state.order.completed"
    case orderDeclined = "state.order.declined"
    case orderStoodDown = "state.order.stood_down"
    case orderUnacknowledged = "state.order.unacknowledged"

    // Table column headings
    case columnIncident = "column.incident"
    case columnState = "column.state"
    case columnKind = "column.kind"
    case columnLevel = "column.level"
    case columnResponse = "column.response"
    case columnAreas = "column.areas"
    case columnTitle = "column.title"
    case columnArea = "column.area"
    case columnName = "column.name"
    case columnPosture = "column.posture"
    case columnOrder = "column.order"
    case columnTeam = "column.team"
    case columnStep = "column.step"
    case columnNextDeadline = "column.next_deadline"
    case columnIn = "column.in"
    case columnRule = "column.rule"
    case columnDemand = "column.demand"
    case columnHave = "column.have"
    case columnWant = "column.want"
    case columnWaiting = "column.waiting"
    case columnFrom = "column.from"
    case columnKm = "column.km"
    case columnAck = "column.ack"
    case columnEscalation = "column.escalation"
    case columnRequested = "column.requested"
    case columnAvailable = "column.available"
    case columnDutyPost = "column.duty_post"

    // check
    case checkOK = "check.ok"
    case checkInvalid = "check.invalid"

    // submit
    case submitDropped = "submit.dropped"
    case submitDispatchesNothing = "submit.dispatches_nothing"

    // ack
    case ackDropped = "ack.dropped"

    // status
    case statusCannotRead = "status.cannot_read"
    case statusIncidents = "status.incidents"
    case statusAreas = "status.areas"
    case statusOrders = "status.orders"
    case statusPending = "status.pending"
    case statusOutbox = "status.outbox"

    // plan
    case planIncident = "plan.incident"
    case planNoKind = "plan.no_kind"
    case planAreas = "plan.areas"
    case planNoAreas = "plan.no_areas"
    case planOutside = "plan.outside"
    case planNoRule = "plan.no_rule"
    case planRules = "plan.rules"
    case planResponseLevel = "plan.response_level"
    case planPosture = "plan.posture"
    case planExercise = "plan.exercise"
    case planRing = "plan.ring"
    case planWithin = "plan.within"
    case planShortfalls = "plan.shortfalls"
    case planNotDispatched = "plan.not_dispatched"

    // operator commands (§14)
    case byEmpty = "operator.by_empty"
    case waitNegative = "operator.wait_negative"
    case cannotDrop = "operator.cannot_drop"
    case waitApplied = "operator.wait_applied"
    case waitRejected = "operator.wait_rejected"
    case waitTimedOut = "operator.wait_timed_out"
    case unknownArea = "lookup.unknown_area"
    case unknownTeam = "lookup.unknown_team"
    case unknownPost = "lookup.unknown_post"
    case unknownKind = "lookup.unknown_kind"
    case unknownLevel = "lookup.unknown_level"
    case unknownIncident = "lookup.unknown_incident"
    case unknownOrder = "lookup.unknown_order"
    case didYouMean = "lookup.did_you_mean"
    case reportNoArea = "report.no_area"
    case reportNoTitle = "report.no_title"
    case reportDropped = "report.dropped"

    // operator commands: names and checks
    case commandDropped = "operator.dropped"
    case commandCancel = "operator.name.cancel"
    case commandClose = "operator.name.close"
    case commandDispatch = "operator.name.dispatch"
    case commandStanddown = "operator.name.standdown"
    case commandReassign = "operator.name.reassign"
    case commandTeam = "operator.name.team"
    case commandDuty = "operator.name.duty"
    case incidentAlreadyClosed = "operator.incident_closed"
    case orderNotOpen = "operator.order_not_open"
    case durationBad = "operator.duration_bad"
    case escalateBad = "operator.escalate_bad"
    case teamAvailableExtras = "team.available_extras"
    case untilBad = "team.until_bad"
    case untilPast = "team.until_past"
    case teamNowAvailable = "team.now_available"
    case teamNowUnavailable = "team.now_unavailable"
    case untilFurtherNotice = "team.until_further_notice"
    case dutyWhom = "duty.whom"
    case dutyCounts = "duty.counts"
    case dutyNobody = "duty.nobody"

    // ack
    case ackBadStatus = "ack.bad_status"

    // status --watch
    case watchHeading = "watch.heading"
    case watchOrders = "watch.orders"
    case watchQuit = "watch.quit"

    // status
    case watchNotJSON = "status.watch_not_json"
}
