namespace ConsensusSim.Model;

/// <summary>What kind of item a proposal is; it fixes what happens when consensus fails (the reversion point).</summary>
public enum ItemKind
{
    /// <summary>A decision or declaration; on failure the Chair issues a statement on its own responsibility.</summary>
    Declaration,

    /// <summary>A time-limited mandate, such as a field mission; on failure it lapses.</summary>
    Mandate,

    /// <summary>The Unified Budget; on failure the Organization runs on provisional monthly allotments.</summary>
    Budget,

    /// <summary>A senior appointment or chairmanship; on failure the post falls vacant.</summary>
    Appointment,

    /// <summary>A procedural decision such as an event's agenda; on failure the event is cancelled or postponed.</summary>
    Procedural,
}
