// Replaced by the infrastructure check below once the launcher exists.
module.exports = async () => {};
