using ConsensusSim.Model;
using ConsensusSim.Osce;
using ScottPlot;

namespace ConsensusSim.Reporting;

/// <summary>A colour and the legend text it stands for.</summary>
/// <param name="Label">The legend text.</param>
/// <param name="Colour">The colour.</param>
internal sealed record ColourGroup(string Label, Color Colour);

/// <summary>
/// Colours participants by what they are: an OSCE State by its modelling bloc (a colour fixed by the
/// bloc's place in the catalog, so charts of different scenarios agree), any other participant
/// (an imported actor, a code the catalog does not know) in a neutral palette of its own, so that
/// China is never drawn as a member of the EU bloc.
/// </summary>
internal sealed class BlocColours
{
    private static readonly Color[] BlocPalette =
    [
        Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.FireBrick, Colors.MediumPurple, Colors.SaddleBrown,
    ];

    // Greys and a slate: nothing a reader could take for one of the bloc colours.
    private static readonly Color[] NeutralPalette =
    [
        Color.FromHex("#6B7280"), Color.FromHex("#A3A9B3"), Color.FromHex("#374151"), Color.FromHex("#5B6C7F"), Color.FromHex("#C9CED6"),
    ];

    private readonly Func<string, ColourGroup> _of;
    private readonly Dictionary<string, ColourGroup> _neutral = new(StringComparer.Ordinal);

    private BlocColours(Func<BlocColours, string, ColourGroup> of) => _of = code => of(this, code);

    /// <summary>Colours for a scenario's participants: its actors are actors even when their code is also a State's.</summary>
    public static BlocColours For(Scenario scenario)
    {
        var blocs = Blocs(scenario.Catalog);
        return new BlocColours((self, code) =>
        {
            if (!scenario.States.Contains(code, StringComparer.Ordinal))
            {
                return self.Neutral("not in the scenario");
            }

            if (scenario.IsActor(code))
            {
                string bloc = scenario.ParticipantBloc(code);
                return self.Neutral(bloc.StartsWith("actor:", StringComparison.Ordinal) ? "actor, not an OSCE State" : $"actors of {bloc}");
            }

            return Bloc(blocs, scenario.ParticipantBloc(code)) ?? self.Neutral("no bloc");
        });
    }

    /// <summary>Colours from the catalog alone: a code it does not know as a State is drawn as not one.</summary>
    public static BlocColours For(OsceCatalog catalog)
    {
        var blocs = Blocs(catalog);
        return new BlocColours((self, code) =>
            catalog.TryGetState(code, out var state) ? Bloc(blocs, state.Bloc) ?? self.Neutral("no bloc") : self.Neutral("not an OSCE State"));
    }

    /// <summary>The colour group of a participant.</summary>
    public ColourGroup Of(string code) => _of(code);

    private static List<Grouping> Blocs(OsceCatalog catalog) => [.. catalog.Groupings.Where(g => g.Kind == GroupingKind.Bloc)];

    private static ColourGroup? Bloc(List<Grouping> blocs, string id)
    {
        int k = blocs.FindIndex(g => string.Equals(g.Id, id, StringComparison.Ordinal));
        return k < 0 ? null : new ColourGroup(blocs[k].Name, BlocPalette[k % BlocPalette.Length]);
    }

    private ColourGroup Neutral(string label)
    {
        if (!_neutral.TryGetValue(label, out var group))
        {
            group = new ColourGroup(label, NeutralPalette[_neutral.Count % NeutralPalette.Length]);
            _neutral.Add(label, group);
        }

        return group;
    }
}
