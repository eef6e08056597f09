namespace RuleOfLaw.Workflow.Server.Swagger;

public static class SwaggerSetup
{
    public static IServiceCollection AddWorkflowSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new()
            {
                Title = "RuleOfLaw.Workflow API",
                Version = "v1",
                Description = "重大行政决策程序（《重大行政决策程序暂行条例》）工作流 API。Sign in with POST /api/auth/login (cookie) or send " +
                    "`Authorization: Bearer rolw_…` with a token from POST /api/tokens. Errors are RFC 9457 problem details with a stable `code` " +
                    "and, for legal refusals, the `article`.",
            });
            o.CustomSchemaIds(SchemaIds.Create());
            var xml = Path.Combine(AppContext.BaseDirectory, "RuleOfLaw.Workflow.Server.xml");
            if (File.Exists(xml))
            {
                o.IncludeXmlComments(xml);
            }
        });
        return services;
    }

    public static WebApplication UseWorkflowSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o => o.DocumentTitle = "RuleOfLaw.Workflow API");
        return app;
    }
}
