@echo off
rem The whole pipeline on this machine (Windows): pipeline [run|batch|archive] [options]   (pipeline --help)
rem Builds when the launcher jar is missing (set PIPELINE_SKIP_BUILD=1 to skip), then starts the launcher.
setlocal
set "ROOT=%~dp0"
set "LAUNCHER=%ROOT%local-pipeline\target\local-pipeline-0.1.0-SNAPSHOT.jar"
if not "%PIPELINE_SKIP_BUILD%"=="1" if not exist "%LAUNCHER%" (
  echo Building the pipeline ^(mvnw install -DskipTests; a few minutes the first time^)... 1>&2
  pushd "%ROOT%" && call mvnw.cmd -q -B install -DskipTests & popd
)
java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "-Dpipeline.home=%ROOT:~0,-1%" -jar "%LAUNCHER%" %*
