namespace ConsensusSim.Model;

/// <summary>A profile applied to a grouping (by grouping id) or to one State (by ISO alpha-3 code).</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class ProfileOverride
{
    /// <summary>Creates an override.</summary>
    /// <param name="target">A grouping id such as <c>csto</c>, or a State code such as <c>RUS</c>.</param>
    /// <param name="profile">The parameters to apply.</param>
    public ProfileOverride(string target, StateProfile profile)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(profile);
        Target = target;
        Profile = profile;
    }

    /// <summary>The grouping id or State code the profile applies to.</summary>
    public string Target { get; }

    /// <summary>The parameters to apply.</summary>
    public StateProfile Profile { get; }
}
