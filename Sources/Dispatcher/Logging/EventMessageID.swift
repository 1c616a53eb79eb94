/// A stable journald `MESSAGE_ID` per event type (the `event` metadata value), so that
/// `journalctl MESSAGE_ID=…` finds every occurrence of one kind of event across versions and
/// the journal catalog (`systemd/dispatchd.catalog`) can explain it in English and Chinese.
///
/// Invariants:
/// - An id never changes once released; a new event gets a new row, a retired one keeps its row.
/// - Ids are 128-bit, written as 32 lower-case hex digits; each was derived once as the first
///   16 bytes of SHA-256("dispatchd.event." + event) and is fixed here as a literal.
/// - The same table is listed in `docs/OPERATIONS.md` and in `systemd/dispatchd.catalog`
///   (`SystemdCatalogTests` checks both).
/// - An event missing from the table is logged without a `MESSAGE_ID` (never with a made-up one).
public enum EventMessageID {
    public static let table: [String: String] = [
        "active_recovery": "45dc0a97b1cb4146064157a00fd204dc",
        "claim_failed": "12278ca87d78d48759ff902f0cb3708b",
        "config_reload_refused": "3c15f2d608f562261054886063bd73a3",
        "config_reloaded": "f18932383dcd38336ad29a38e3c2d9ef",
        "config_warning": "9197e0faf639ca809a23990ab7d8046a",
        "file_away_failed": "46cdb9e61647746e95a1514f1e2bf4ed",
        "give_back_failed": "8b4fe1f7950452df25996017c9bd7a1d",
        "incident_closed": "ab17d51884bd3eacbb078ada66baee30",
        "incident_expired_on_arrival": "a194cb0bc93bb1944c90bff2a134128b",
        "incident_lifted": "efad7617edd593e94d98249434fac481",
        "incident_opened": "8f9c84ae480b2185b28b02d9f26ec699",
        "incident_outside_county": "be6fd76a1c301663a3cfd97455f52739",
        "incident_updated": "99e4b37d08b6dbf59b27786847da8efd",
        "inotify_overflow": "8e845f16dc39c8127238eb0d0857d10b",
        "input_applied": "0481b8315f383ffc33852fe818af1861",
        "input_duplicate": "21322720defdb63b3ffc42f482cd5b22",
        "stale_temporaries_removed": "c94a1b216ba745a5af0f4aaeb6d241b7",
        "running_as_root": "93dad25e149a40189806ae31bd758eb4",
        "state_missing": "d6b45bef752f4eb8ba10e2f655b1b4ea",
        "input_ignored": "63574990c2f34dd391bb4c1509893988",
        "pending_fill_failed": "a554eaf3a93b4d9cb6f3bab1c32c50b1",
        "input_no_effect": "d4afff7c6a4ce7e963336d2727a4906d",
        "input_not_dispatched": "2b03f11fd332d990e95a6c8243917646",
        "input_republished": "53189a63bb56808c64145832d9dfe902",
        "input_rejected": "22b85c0a8932bfd91068b915f4c99219",
        "internal_error": "5d353989983c2beccf6335eec6112289",
        "mode_changed": "108184a5a80cdacb4275a9f8f030a55a",
        "order_escalated": "4b26ec1793f41ed448bad04700728572",
        "order_issued": "373a29de8588fd8bcc8684e10304eac8",
        "order_reassigned": "88652da464b77b8f59854b5c4f459b41",
        "order_stood_down": "4252245e504a38c3171ecfe9b6a68b01",
        "order_unacknowledged": "37560016fff494a29d56949abd33b00c",
        "overdue_at_start": "964c5aa84dcc42c16568b525d959b7a1",
        "publish_failed": "9194037b3a51ca7c8a26ce074da74797",
        "publish_recovered": "7d0665a216f6b4a1a54b6bce233ec0aa",
        "ready": "4aaeafcede1f29c36585e5199a7647a4",
        "scan_failed": "9ccf9172ea25ac5b53649d10747babf0",
        "shortfall": "1d8d29d25e7dca88b53bcb6a7b5382da",
        "start_failed": "927b08abe9c3bd453aa5ca991000daff",
        "stopping": "6a716bf691b1832ffe1dbd1dfbf1dbb0",
        "timer_failed": "3f70e2d5c2d3b6fa6dc675efd51e84e4",
        "command_applied": "8d9c55b298d55439fabe78d7e0f2f89b",
        "command_refused": "2278782b17dfc617bee69078ba249f46",
        "duty_handover": "487b09709fa6410fc2ecc92082bf005d",
        "input_unauthorized": "f141f6248dafb529ba0737b09bcc1c6d",
        "team_available": "bc097fdddbb3db3696e6b172f145cce0",
        "team_unavailable": "a41492ae67ce877206ecd56cee6423f4",
        "transient_failure": "ee98cdfb19069ef9cdf9da1124864d11",
    ]

    /// The `MESSAGE_ID` for an event type, or nil for an event not in the table.
    public static func forEvent(_ event: String) -> String? { table[event] }
}
