using System.Linq.Expressions;
using System.Reflection;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// Builds a <see cref="GrainMethod"/> from a contract method: a compiled delegate calls the grain
/// without per-call reflection, and every return shape is normalised to ValueTask&lt;TResult&gt;.
/// </summary>
internal static class GrainMethodCompiler
{
    private enum ReturnShape
    {
        Task,
        TaskOfResult,
        ValueTask,
        ValueTaskOfResult,
    }

    private static readonly MethodInfo CompileForMethod = Find(nameof(CompileFor));
    private static readonly MethodInfo FromTaskMethod = Find(nameof(FromTask));
    private static readonly MethodInfo FromValueTaskMethod = Find(nameof(FromValueTask));

    public static GrainMethod Compile(MethodInfo method)
    {
        var (shape, resultType) = Classify(method);
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType.IsByRef)
            {
                throw Unsupported(method, "ref, in and out parameters cannot cross a transport");
            }
        }

        if (method.IsGenericMethodDefinition)
        {
            throw Unsupported(method, "generic methods are not supported");
        }

        return (GrainMethod)CompileForMethod.MakeGenericMethod(resultType).Invoke(null, [method, shape])!;
    }

    private static GrainMethod<TResult> CompileFor<TResult>(MethodInfo method, ReturnShape shape)
    {
        var grain = Expression.Parameter(typeof(Grain), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            method.GetParameters().Select((parameter, index) => Expression.Convert(
                Expression.ArrayIndex(arguments, Expression.Constant(index)),
                parameter.ParameterType)));

        Expression body = shape switch
        {
            ReturnShape.Task => Expression.Call(FromTaskMethod, call),
            ReturnShape.ValueTask => Expression.Call(FromValueTaskMethod, call),
            ReturnShape.TaskOfResult => Expression.New(typeof(ValueTask<TResult>).GetConstructor([typeof(Task<TResult>)])!, call),
            _ => call,
        };
        var invoke = Expression.Lambda<Func<Grain, object?[], ValueTask<TResult>>>(body, grain, arguments).Compile();

        Func<Task<TResult>, object> toDeclaredReturn = shape switch
        {
            ReturnShape.ValueTask => static reply => new ValueTask(reply),
            ReturnShape.ValueTaskOfResult => static reply => new ValueTask<TResult>(reply),
            // Task<Unit> is a Task, and Task<T> is what the method declares.
            _ => static reply => reply,
        };

        return new GrainMethod<TResult>(method, NameOf(method), invoke, toDeclaredReturn);
    }

    private static (ReturnShape Shape, Type ResultType) Classify(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type == typeof(Task))
        {
            return (ReturnShape.Task, typeof(Unit));
        }

        if (type == typeof(ValueTask))
        {
            return (ReturnShape.ValueTask, typeof(Unit));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return (ReturnShape.TaskOfResult, type.GetGenericArguments()[0]);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return (ReturnShape.ValueTaskOfResult, type.GetGenericArguments()[0]);
        }

        throw Unsupported(method, "grain methods must return Task, Task<T>, ValueTask or ValueTask<T>");
    }

    private static string NameOf(MethodInfo method)
    {
        var parameters = string.Join(',', method.GetParameters().Select(p => p.ParameterType.FullName ?? p.ParameterType.Name));
        return $"{method.DeclaringType!.FullName}.{method.Name}({parameters})";
    }

    private static ValueTask<Unit> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(task);

    private static ValueTask<Unit> FromValueTask(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            // Consumes the result so a pooled IValueTaskSource behind it can be reused.
            task.GetAwaiter().GetResult();
            return default;
        }

        return AwaitAsync(task);
    }

    private static async ValueTask<Unit> AwaitAsync(Task task)
    {
        await task;
        return default;
    }

    private static async ValueTask<Unit> AwaitAsync(ValueTask task)
    {
        await task;
        return default;
    }

    private static InvalidOperationException Unsupported(MethodInfo method, string reason) =>
        new($"Grain method {method.DeclaringType?.FullName}.{method.Name} is not supported: {reason}.");

    private static MethodInfo Find(string name) =>
        typeof(GrainMethodCompiler).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;
}
