package org.switchboard.platform.web;

import java.util.List;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Keeps the OpenAPI document true to what a caller sends: an argument the application fills in
 * itself (the signed-in user, the calling phone system), through one of its own argument
 * resolvers, is no parameter of the request.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    /**
     * Schemas named after their type, a nested type with its enclosing type's name in front
     * ({@code CreditNotePolicyRequest}, {@code PartnerSupportRequest}): two records of one simple
     * name would otherwise share one schema, and one body be documented as the other.
     */
    @Bean
    io.swagger.v3.core.converter.ModelConverter nestedTypeNames() {
        return new io.swagger.v3.core.jackson.ModelResolver(io.swagger.v3.core.util.Json.mapper(), new NestedTypeNames());
    }

    static final class NestedTypeNames extends io.swagger.v3.core.jackson.TypeNameResolver {

        @Override
        protected String getNameOfClass(Class<?> type) {
            String name = super.getNameOfClass(type);
            Class<?> outer = type.getEnclosingClass();
            return outer == null || getUseFqn() ? name : getNameOfClass(outer) + name;
        }
    }

    @Bean
    OperationCustomizer withoutResolvedArguments(ObjectProvider<RequestMappingHandlerAdapter> adapter) {
        return (operation, handler) -> {
            List<HandlerMethodArgumentResolver> own = adapter.getObject().getCustomArgumentResolvers();
            if (own == null || own.isEmpty() || operation.getParameters() == null) {
                return operation;
            }
            for (MethodParameter parameter : handler.getMethodParameters()) {
                parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                if (own.stream().anyMatch(r -> r.supportsParameter(parameter))) {
                    String name = parameter.getParameterName();
                    operation.getParameters().removeIf(p -> p.getName().equals(name) && "query".equals(p.getIn()));
                }
            }
            return operation;
        };
    }

}
