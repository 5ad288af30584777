using System.Reflection;
using System.Reflection.Metadata;

namespace ConsensusSim.Tests.Architecture;

/// <summary>
/// Decodes custom attribute arguments: a <c>typeof(T)</c> argument is stored as a serialized type name, which this
/// provider resolves against the loaded assembly and reports; enum arguments need their underlying type to decode.
/// </summary>
internal sealed class AttributeTypes(Assembly assembly, Action<Type> found) : ICustomAttributeTypeProvider<string>
{
    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

    public string GetSystemType() => "System.Type";

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        var type = reader.GetTypeDefinition(handle);
        string name = reader.GetString(type.Name);
        return type.GetDeclaringType().IsNil
            ? Qualified(reader.GetString(type.Namespace), name)
            : GetTypeFromDefinition(reader, type.GetDeclaringType(), rawTypeKind) + "+" + name;
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var type = reader.GetTypeReference(handle);
        string name = reader.GetString(type.Name);
        return type.ResolutionScope.Kind switch
        {
            HandleKind.TypeReference => GetTypeFromReference(reader, (TypeReferenceHandle)type.ResolutionScope, rawTypeKind).Split(',')[0] + "+" + name
                + AssemblySuffix(reader, (TypeReferenceHandle)type.ResolutionScope),
            _ => Qualified(reader.GetString(type.Namespace), name) + AssemblySuffix(reader, handle),
        };
    }

    public string GetTypeFromSerializedName(string name)
    {
        found(Resolve(name));
        return name;
    }

    public PrimitiveTypeCode GetUnderlyingEnumType(string type) =>
        Type.GetTypeCode(Resolve(type) is { IsEnum: true } e ? Enum.GetUnderlyingType(e) : throw new InvalidOperationException($"{type} is not an enum.")) switch
        {
            TypeCode.Byte => PrimitiveTypeCode.Byte,
            TypeCode.SByte => PrimitiveTypeCode.SByte,
            TypeCode.Int16 => PrimitiveTypeCode.Int16,
            TypeCode.UInt16 => PrimitiveTypeCode.UInt16,
            TypeCode.Int32 => PrimitiveTypeCode.Int32,
            TypeCode.UInt32 => PrimitiveTypeCode.UInt32,
            TypeCode.Int64 => PrimitiveTypeCode.Int64,
            TypeCode.UInt64 => PrimitiveTypeCode.UInt64,
            var code => throw new InvalidOperationException($"The enum {type} has an unexpected underlying type {code}."),
        };

    public bool IsSystemType(string type) => type.Split(',')[0] == "System.Type";

    private Type Resolve(string name) =>
        Type.GetType(name) ?? assembly.GetType(name) ?? throw new InvalidOperationException($"The attribute argument type {name} does not resolve.");

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

    private static string AssemblySuffix(MetadataReader reader, TypeReferenceHandle handle)
    {
        var scope = reader.GetTypeReference(handle).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference)
        {
            scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        }

        return scope.Kind == HandleKind.AssemblyReference
            ? ", " + reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : "";
    }
}
