/** Worker entry: the API app; static files come from Workers assets. */
import { createApp } from "./app";

export default createApp();
