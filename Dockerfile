# SessionKit server image. The front end (SDK and dashboard) is built with Node 20, the server with the
# .NET 10 SDK; the image runs the server alone.
FROM node:20-bookworm AS frontend
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund && npm run build \
 && mkdir -p src/Api/wwwroot/sdk && cp sdk-js/dist/*.js sdk-js/dist/*.mjs sdk-js/dist/*.map src/Api/wwwroot/sdk/

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY --from=frontend /src .
RUN dotnet publish src/Api -c Release -o /app -p:SkipFrontEndBuild=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    SESSIONKIT_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "SessionKit.Api.dll"]
