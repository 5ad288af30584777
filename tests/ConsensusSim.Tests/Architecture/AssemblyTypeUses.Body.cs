using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace ConsensusSim.Tests.Architecture;

/// <summary>Method bodies: locals, catch clauses and every instruction operand that is a metadata token.</summary>
internal sealed partial class AssemblyTypeUses
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private void Body(string name, MethodBodyBlock body)
    {
        At(name, "local variable", () => Use(body.LocalSignature));
        foreach (var region in body.ExceptionRegions)
        {
            At(name, "catch clause", () => Use(region.CatchType));
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            int offset = il.Offset;
            byte first = il.ReadByte();
            short value = first == 0xFE ? unchecked((short)(0xFE00 | il.ReadByte())) : first;
            if (!OpCodesByValue.TryGetValue(value, out var op))
            {
                throw new InvalidOperationException($"{name}: unknown IL opcode 0x{value:X4} at offset {offset}.");
            }

            switch (op.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                case OperandType.InlineSig:
                    var token = MetadataTokens.EntityHandle(il.ReadInt32());
                    At(name, "IL " + op.Name, () => Use(token));
                    break;
                case OperandType.InlineSwitch:
                    int targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                default:
                    il.Offset += OperandSize(op.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
