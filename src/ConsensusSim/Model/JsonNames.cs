using System.Text;

namespace ConsensusSim.Model;

/// <summary>The kebab-case names enums have in scenario and result files (for example <c>consensus-minus-one</c>).</summary>
internal static class JsonNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => Of((Enum)value);

    public static string Of(Enum value)
    {
        string name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }

    public static string What<T>() => typeof(T).Name switch
    {
        "DecisionRuleKind" => "decision rule",
        "BehaviourModel" => "behaviour model",
        "ItemKind" => "item kind",
        "LossFunction" => "loss function",
        "VotingWeight" => "voting weight",
        "ChairStrategy" => "chair strategy",
        var other => other,
    };
}
