console.log("install");
