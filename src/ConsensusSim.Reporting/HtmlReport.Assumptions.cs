using System.Globalization;
using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Reporting;

/// <summary>The report's closing sections: what the model assumes, in plain words, and how to cite the run.</summary>
public static partial class HtmlReport
{
    /// <summary>The model's main assumptions as they apply to this scenario, for a reader who will not read the code.</summary>
    private static void AppendAssumptions(StringBuilder sb, Scenario s)
    {
        var ci = CultureInfo.InvariantCulture;
        sb.Append("<h2>Assumptions</h2>\n<p>The numbers above hold only as far as these assumptions do.</p>\n<ul>\n");
        string behaviour = s.Behaviour.Model switch
        {
            BehaviourModel.FixedObjection => "Each participant objects with a fixed probability of its own, independently of the others and of the text: the baseline with an exact answer, not a model of positions.",
            BehaviourModel.Custom => "Participants decide by a custom behaviour supplied in code; what it assumes is stated by its author, not here.",
            _ => string.Create(ci, $"Each participant has an ideal point in a policy space of {s.Dimensions.Count} dimension(s) ({string.Join(", ", s.Dimensions)}), from 0 (status quo, least commitment) to 1 (most joint commitment), and weighs the dimensions by salience. It compares the draft with the status quo by {s.Behaviour.Loss.ToString().ToLowerInvariant()} loss: it gains from adoption when the draft is nearer its ideal point than the status quo."),
        };
        Item(sb, behaviour);
        if (s.Behaviour.Model == BehaviourModel.Stance)
        {
            Item(sb, "It objects when its perceived gain is below minus its blocking cost (objecting is costly, so a small loss is swallowed), joins with an interpretative statement when the gain is slightly negative, and joins otherwise.");
            Item(sb, s.Behaviour.BlocCorrelation > 0
                ? string.Create(ci, $"Perceived gains carry random noise, drawn anew in every trial; a share of it is common to the members of a bloc (correlation {s.Behaviour.BlocCorrelation:0.##}), so allies tend to err together.")
                : "Perceived gains carry random noise, drawn anew in every trial and independently for each participant (bloc correlation 0): allies do not err together.");
            Item(sb, string.Create(ci, $"Political tension ({s.Behaviour.Tension:0.##} on a scale of 0 to 1) makes participants with a linkage propensity take the text hostage, more so on topics susceptible to the political conjuncture."));
        }

        Item(sb, $"The decision rule is {s.Rule}; the Chair follows the {s.Chair.Strategy} strategy; the procedure allows up to {s.Procedure.MaxRounds} round(s){(s.Procedure.EscalateToMinisterialCouncil ? " and then escalation to the Ministerial Council" : string.Empty)}. When consensus fails, the item reverts as its kind prescribes (a mandate lapses, a budget runs on provisional allotments).");
        Item(sb, "Participants do not bargain, trade votes or learn between trials beyond what the scenario states (linkage, packages, retaliation); each trial is an independent draw of the same situation.");
        Item(sb, "Parameters are the scenario's: the catalog's values for the OSCE States, the era's fitted values where an era is named, and the scenario's own overrides, listed above. A parameter given as a distribution is drawn anew in every trial; a fixed one is taken as exact.");
        Item(sb, "Probabilities are Monte Carlo frequencies over the trials; their intervals reflect the number of trials only.");
        sb.Append("</ul>\n");
    }

    /// <summary>How to cite the run: the library and its version, and the scenario by hash, so a reader can reproduce the numbers exactly.</summary>
    private static void AppendCitation(StringBuilder sb, SimulationResult result)
    {
        var p = result.Provenance;
        var ci = CultureInfo.InvariantCulture;
        sb.Append("<h2>How to cite</h2>\n");
        sb.Append(ci, $"<p>ConsensusSim contributors. <em>ConsensusSim</em>, version {E(p.Version)} [computer software]. Scenario “{E(p.ScenarioName)}”, SHA-256 <code>{E(p.ScenarioSha256)}</code>, seed {p.Seed}, {p.Trials:N0} trials.</p>\n");
        sb.Append("<p>The same version, scenario file (same hash), seed and number of trials reproduce these numbers, whatever the thread count.</p>\n");
        string key = "consensussim-" + p.ScenarioSha256[..8];
        sb.Append("<pre>").Append(E(string.Create(ci, $$"""
            @software{{{key}},
              author  = {ConsensusSim contributors},
              title   = {ConsensusSim},
              version = {{{p.Version}}},
              note    = {Scenario ``{{p.ScenarioName}}'', SHA-256 {{p.ScenarioSha256}}, seed {{p.Seed}}, {{p.Trials}} trials}
            }
            """))).Append("</pre>\n");
    }

    private static void Item(StringBuilder sb, string text) => sb.Append("<li>").Append(E(text)).Append("</li>\n");
}
