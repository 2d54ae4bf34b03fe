#include "pipeline/stages.h"

namespace rasd {

Status Pipeline::Impl::LoadResources(const PipelineOptions&) { return Status::Ok(); }
void Pipeline::Impl::Recognize(const Document&, Workspace*, AnnotatedDocument*) const {}
void Pipeline::Impl::Extract(const Document&, Workspace*, AnnotatedDocument*) const {}

}  // namespace rasd
