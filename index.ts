/**
 * landing-zone: reads the stack config, builds the platform, exports the outputs. Nothing else lives
 * here; see components/ for the design and README.md for the config reference.
 */
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "./components/config/load";
import { LandingZone, LandingZoneOutputs } from "./components/landing-zone";

export = async (): Promise<LandingZoneOutputs> => {
    const config = readStackConfig();
    const platform = new LandingZone("lz", { config, project: pulumi.getProject(), stack: pulumi.getStack() });
    return platform.outputs;
};
