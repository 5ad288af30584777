using System.Globalization;
using System.Text;

namespace ConsensusSim.Model;

/// <summary>
/// Resolves participants' profiles through the layers of <see cref="StateProfile"/> (defaults, the era's bloc stances,
/// groupings, the State's own overrides). Participants that pass through the same layers get the same profile
/// object: a sweep builds a scenario at every design point, and the compiler's hash renders each distinct profile once.
/// </summary>
internal sealed class ProfileResolver
{
    private readonly ScenarioBuilder _b;
    private readonly Osce.EraPreset? _era;
    private readonly StateProfile?[] _stances;
    private readonly Dictionary<string, StateProfile> _byLayers = new(StringComparer.Ordinal);
    private readonly StringBuilder _key = new();
    private readonly List<StateProfile> _chain = [];

    public ProfileResolver(ScenarioBuilder b)
    {
        _b = b;
        _era = b.Era is { } eraId && b.Catalog.TryGetEra(eraId, out var era) ? era : null;
        _stances = new StateProfile?[_era?.Blocs.Count ?? 0];
    }

    /// <summary>The profile of the participant with this code.</summary>
    /// <param name="code">A State's or actor's code.</param>
    /// <returns>The resolved profile; the same object for every participant with the same layers.</returns>
    public StateProfile Resolve(string code)
    {
        // The era's bloc stances sit above the defaults (a fallback for every State) and below the scenario's groupings
        // and overrides, which are deliberate and which EraProvenance reports. Era blocs and groupings are OSCE
        // memberships; an actor sharing a State's code is not that State.
        bool actor = _b.Actors.Any(a => string.Equals(a.Code, code, StringComparison.Ordinal));
        _key.Clear();
        _chain.Clear();
        for (int k = 0; !actor && k < _stances.Length; k++)
        {
            var stance = _era!.Blocs[k];
            if (_b.Catalog.TryGetGrouping(stance.Bloc, out var bloc) && bloc.Contains(code))
            {
                Add('e', k, _stances[k] ??= new StateProfile { Linkage = stance.Linkage, BlockingCost = stance.BlockingCost });
            }
        }

        for (int g = 0; !actor && g < _b.GroupingProfiles.Count; g++)
        {
            if (_b.Catalog.TryGetGrouping(_b.GroupingProfiles[g].Target, out var grouping) && grouping.Contains(code))
            {
                Add('g', g, _b.GroupingProfiles[g].Profile);
            }
        }

        for (int o = 0; o < _b.StateOverrides.Count; o++)
        {
            if (string.Equals(_b.StateOverrides[o].Target, code, StringComparison.Ordinal))
            {
                Add('o', o, _b.StateOverrides[o].Profile);
            }
        }

        string key = _key.ToString();
        if (!_byLayers.TryGetValue(key, out var profile))
        {
            profile = _chain.Aggregate(_b.Defaults, (below, above) => below.OverriddenBy(above));
            _byLayers.Add(key, profile);
        }

        return profile;
    }

    private void Add(char kind, int index, StateProfile layer)
    {
        _key.Append(kind).Append(index.ToString(CultureInfo.InvariantCulture));
        _chain.Add(layer);
    }
}
